// The web client in Chromium against a real hotel: registering, meeting in
// a room, walking, chatting, whispering, reloading, losing the connection,
// a click made while the room view starts, and screenshots that must show a
// drawn room.
//
// The hotel runs in this process with a 250 ms room step, half the default,
// so the walk is short. The client measures the step from the server's
// status frames. Screenshots go to test-results/browser/.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import { startTestHotel, type TestHotel } from '../../../server/test/support/test-hotel.ts';
import type { HookUnit } from '../../src/app/test-hook.ts';
import { ensureClientBuilt, REPOSITORY_ROOT } from './support/build.ts';
import { launchChromium } from './support/chromium.ts';
import { colourStats, countPixelsNear, decodePng } from './support/png.ts';

const SCREENSHOT_DIR = path.join(REPOSITORY_ROOT, 'test-results', 'browser');
const ROOM_NAME = 'Browser Test Room';
/** A room of its own for the test of clicks made while the room view starts. */
const EARLY_CLICK_ROOM = 'Early Click Room';
const PASSWORD = 'a long password';
/** Maximum wait for anything in the page, in ms. */
const WAIT_MS = 10_000;
/** Floor tile colour of the room view (floor-view.ts), to find the floor in a screenshot. */
const FLOOR_COLOUR = 0xa9bac6;

interface Player {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
}

describe('web client in Chromium', { timeout: 120_000 }, () => {
  let hotel: TestHotel;
  let browser: Browser;
  let baseUrl: string;
  const pageErrors: string[] = [];
  let alice: Player;
  let bob: Player;
  let carol: Player;

  before(async () => {
    ensureClientBuilt();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    hotel = await startTestHotel({ FUTURA_ROOM_STEP_MS: '250' });
    baseUrl = `http://127.0.0.1:${hotel.hotel.httpPort}/`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await hotel?.stop();
  });

  async function openPage(viewport = { width: 1280, height: 720 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${error.message}`));
    await page.goto(baseUrl);
    await page.waitForFunction(() => window.__futura?.phase() === 'login', null, { timeout: WAIT_MS });
    return { context, page };
  }

  async function register(name: string, viewport?: { width: number; height: number }): Promise<Player> {
    const { context, page } = await openPage(viewport);
    await page.getByRole('tab', { name: 'Register' }).click();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForFunction(() => window.__futura?.phase() === 'lobby', null, { timeout: WAIT_MS });
    return { name, context, page };
  }

  async function enterFromList(player: Player): Promise<void> {
    await player.page.locator('.room-row', { hasText: ROOM_NAME }).getByRole('button', { name: 'Enter' }).click();
    await waitForRoom(player.page);
  }

  async function waitForRoom(page: Page): Promise<void> {
    await page.waitForFunction(() => window.__futura?.phase() === 'room' && (window.__futura.view()?.frames ?? 0) > 2, null, { timeout: WAIT_MS });
  }

  function unitsOf(page: Page): Promise<HookUnit[]> {
    return page.evaluate(() => window.__futura?.room()?.units ?? []);
  }

  async function waitForUnitNames(page: Page, names: string[]): Promise<void> {
    await page.waitForFunction(
      (expected) => {
        const present = (window.__futura?.room()?.units ?? []).map((unit) => unit.name);
        return expected.every((name) => present.includes(name));
      },
      names,
      { timeout: WAIT_MS },
    );
  }

  async function clickTile(page: Page, x: number, y: number): Promise<void> {
    const point = await page.evaluate(([tileX, tileY]) => window.__futura?.tileViewPosition(tileX, tileY) ?? null, [x, y]);
    assert.ok(point !== null, `tile (${x}, ${y}) is on the floor`);
    const canvas = await page.locator('canvas.room-canvas').boundingBox();
    assert.ok(canvas !== null, 'the room canvas is on the page');
    await page.mouse.click(canvas.x + point.x, canvas.y + point.y);
  }

  async function say(page: Page, text: string): Promise<void> {
    await page.getByLabel('Chat').fill(text);
    await page.getByLabel('Chat').press('Enter');
  }

  async function waitForBubble(page: Page, text: string): Promise<void> {
    await page.waitForFunction((expected) => (window.__futura?.bubbles() ?? []).some((bubble) => bubble.text === expected), text, { timeout: WAIT_MS });
  }

  /** Saves a PNG under test-results/browser and checks that it shows a drawn room, not a blank canvas. */
  function checkRoomScreenshot(png: Buffer, fileName: string): void {
    writeFileSync(path.join(SCREENSHOT_DIR, fileName), png);
    const image = decodePng(png);
    const stats = colourStats(image);
    assert.ok(stats.distinctColours > 200, `${fileName}: only ${stats.distinctColours} colours, which looks like a blank or flat render`);
    assert.ok(stats.dominantShare < 0.85, `${fileName}: one colour fills ${(stats.dominantShare * 100).toFixed(1)} % of the image`);
    const floorPixels = countPixelsNear(image, FLOOR_COLOUR, 6);
    assert.ok(floorPixels > 2000, `${fileName}: only ${floorPixels} floor-coloured pixels, so the floor was not drawn`);
  }

  test('login errors show clear messages', async () => {
    const first = await register('alice');
    alice = first;

    const { context, page } = await openPage();
    await page.getByLabel('Name').fill('alice');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByTestId('auth-error').waitFor({ timeout: WAIT_MS });
    assert.equal(await page.getByTestId('auth-error').textContent(), 'Wrong name or password.');

    await page.getByRole('tab', { name: 'Register' }).click();
    await page.getByLabel('Name').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('That name is already taken. Pick another one.').waitFor({ timeout: WAIT_MS });
    await context.close();
  });

  test('two players meet in a new room', async () => {
    await alice.page.getByRole('tab', { name: 'Create room' }).click();
    await alice.page.getByLabel('Room name').fill(ROOM_NAME);
    await alice.page.getByLabel('Floor plan', { exact: true }).selectOption('small');
    await alice.page.getByRole('button', { name: 'Create and enter' }).click();
    await waitForRoom(alice.page);
    assert.equal(await alice.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Chat', 'the chat input has the focus');

    bob = await register('bob');
    await bob.page.getByRole('tab', { name: 'Search' }).click();
    await bob.page.getByLabel('Room or owner name').fill('Browser Test');
    await bob.page.getByRole('button', { name: 'Search' }).click();
    await enterFromList(bob);

    await waitForUnitNames(alice.page, ['alice', 'bob']);
    await waitForUnitNames(bob.page, ['alice', 'bob']);
  });

  test('walking is seen by the other player', async () => {
    const target = { x: 6, y: 6 };
    await clickTile(alice.page, target.x, target.y);

    // Sample bob's view while alice walks: her drawn position must pass
    // between tiles (the interpolation) and end on the target tile.
    const drawn: { x: number; y: number }[] = [];
    const deadline = Date.now() + WAIT_MS;
    let arrived = false;
    for (let sample = 0; sample < 400 && Date.now() < deadline; sample += 1) {
      const state = await bob.page.evaluate(() => ({
        units: window.__futura?.room()?.units ?? [],
        drawn: window.__futura?.drawnUnits() ?? [],
      }));
      const seen = state.drawn.find((unit) => unit.name === 'alice');
      if (seen !== undefined) {
        drawn.push({ x: seen.drawnX, y: seen.drawnY });
      }
      const server = state.units.find((unit) => unit.name === 'alice');
      if (server !== undefined && !server.moving && server.x === target.x && server.y === target.y && seen?.drawnX === target.x && seen.drawnY === target.y) {
        arrived = true;
        break;
      }
      await bob.page.waitForTimeout(15);
    }
    assert.ok(arrived, `bob saw alice arrive on (${target.x}, ${target.y}); last drawn ${JSON.stringify(drawn.at(-1))}`);
    const between = drawn.filter((point) => !Number.isInteger(point.x) || !Number.isInteger(point.y));
    assert.ok(between.length > 0, `bob drew alice between tiles at least once (samples: ${drawn.length})`);

    const view = await bob.page.evaluate(() => window.__futura?.view());
    assert.ok(view !== null && view !== undefined, 'bob has a room view');
    assert.ok(view.stepMs >= 150, `bob measured a step near 250 ms, got ${view.stepMs}`);
    assert.ok(view.stepMs <= 400, `bob measured a step near 250 ms, got ${view.stepMs}`);
  });

  async function waitForTyping(page: Page, name: string, typing: boolean): Promise<void> {
    await page.waitForFunction(
      ([who, expected]) => (window.__futura?.drawnUnits() ?? []).some((unit) => unit.name === who && unit.typing === expected),
      [name, typing] as const,
      { timeout: WAIT_MS },
    );
  }

  test('both players see each other chat', async () => {
    await bob.page.getByLabel('Chat').fill('Hi alice');
    await waitForTyping(alice.page, 'bob', true);
    await bob.page.getByLabel('Chat').fill('');
    await waitForTyping(alice.page, 'bob', false);

    await say(alice.page, 'Hello from alice');
    await say(bob.page, 'Hi alice, bob here');
    await say(bob.page, ':shout Welcome!');

    for (const player of [alice, bob]) {
      await waitForBubble(player.page, 'Hello from alice');
      await waitForBubble(player.page, 'Hi alice, bob here');
      await waitForBubble(player.page, 'Welcome!');
    }
    const bubbles = await alice.page.evaluate(() => window.__futura?.bubbles() ?? []);
    assert.equal(bubbles.find((bubble) => bubble.text === 'Welcome!')?.kind, 'shout');
    assert.equal(bubbles.find((bubble) => bubble.text === 'Hello from alice')?.speaker, 'alice');
  });

  test('chat markup stays text', async () => {
    const markup = '<img src=x onerror="window.__injected=1">';
    await say(bob.page, markup);
    await waitForBubble(alice.page, markup);
    await alice.page.getByRole('button', { name: 'History' }).click();
    await alice.page.locator('.chat-history li', { hasText: 'onerror' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await alice.page.locator('.chat-history img').count(), 0);
    assert.equal(await alice.page.evaluate(() => (window as unknown as { __injected?: number }).__injected), undefined);
    await alice.page.getByRole('button', { name: 'Close' }).click();
  });

  test('whisper is not shown to a third player', async () => {
    // Bob steps off the door tile first, where carol is about to appear.
    await clickTile(bob.page, 4, 2);
    await alice.page.waitForFunction(
      () => (window.__futura?.drawnUnits() ?? []).some((unit) => unit.name === 'bob' && unit.drawnX === 4 && unit.drawnY === 2),
      null,
      { timeout: WAIT_MS },
    );

    carol = await register('carol', { width: 390, height: 720 });
    await carol.page.getByRole('tab', { name: 'Popular' }).click();
    await carol.page.locator('.room-row', { hasText: ROOM_NAME }).getByText('2/25').waitFor({ timeout: WAIT_MS });
    await enterFromList(carol);
    await waitForUnitNames(alice.page, ['alice', 'bob', 'carol']);

    // Alice clicks bob's avatar and whispers through the card.
    const bobOnAlicesScreen = (await alice.page.evaluate(() => window.__futura?.drawnUnits() ?? [])).find((unit) => unit.name === 'bob');
    assert.ok(bobOnAlicesScreen !== undefined);
    const canvas = await alice.page.locator('canvas.room-canvas').boundingBox();
    assert.ok(canvas !== null);
    await alice.page.mouse.click(canvas.x + bobOnAlicesScreen.viewX, canvas.y + bobOnAlicesScreen.viewY - 40);
    await alice.page.getByTestId('unit-card').getByRole('heading', { name: 'bob' }).waitFor({ timeout: WAIT_MS });
    await alice.page.getByTestId('unit-card').getByRole('button', { name: 'Whisper' }).click();
    await say(alice.page, 'secret for bob');
    // A line sent after the whisper on the same connection: once carol has
    // it, she would also have had the whisper if it had been sent to her.
    await alice.page.getByRole('button', { name: 'Stop whispering to bob' }).click();
    await say(alice.page, 'public after the whisper');

    await waitForBubble(bob.page, 'secret for bob');
    await waitForBubble(alice.page, 'secret for bob');
    await waitForBubble(carol.page, 'public after the whisper');

    const bobBubble = (await bob.page.evaluate(() => window.__futura?.bubbles() ?? [])).find((bubble) => bubble.text === 'secret for bob');
    assert.equal(bobBubble?.kind, 'whisper');
    assert.equal(bobBubble?.whisperTo, null);
    const aliceBubble = (await alice.page.evaluate(() => window.__futura?.bubbles() ?? [])).find((bubble) => bubble.text === 'secret for bob');
    assert.equal(aliceBubble?.whisperTo, 'bob');

    const carolBubbles = await carol.page.evaluate(() => window.__futura?.bubbles() ?? []);
    assert.ok(!carolBubbles.some((bubble) => bubble.text.includes('secret')), 'carol has no whisper bubble');
    await carol.page.getByRole('button', { name: 'History' }).click();
    await carol.page.locator('.chat-history li', { hasText: 'public after the whisper' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await carol.page.locator('.chat-history li', { hasText: 'secret' }).count(), 0, 'carol has no whisper in her history');
  });

  test('room screenshots are real renders', async () => {
    await say(alice.page, 'Smile for the screenshot');
    await waitForBubble(alice.page, 'Smile for the screenshot');
    await alice.page.waitForTimeout(300);

    checkRoomScreenshot(await alice.page.locator('canvas.room-canvas').screenshot(), 'room-alice-canvas.png');
    await alice.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'room-alice-1280x720.png') });

    // Carol's window is narrow: the room and the chat input still fit.
    await carol.page.getByRole('button', { name: 'Close' }).click();
    checkRoomScreenshot(await carol.page.locator('canvas.room-canvas').screenshot(), 'room-carol-canvas.png');
    await carol.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'room-carol-390x720.png') });
    const input = await carol.page.getByLabel('Chat').boundingBox();
    assert.ok(input !== null, 'the chat input is on the page');
    assert.ok(input.x >= 0, 'the chat input starts inside a 390 px window');
    assert.ok(input.x + input.width <= 390, 'the chat input ends inside a 390 px window');
  });

  test('narrow view follows your own walk', async () => {
    const canvas = await carol.page.locator('canvas.room-canvas').boundingBox();
    assert.ok(canvas !== null, 'the room canvas is on the page');

    // The floor tile drawn nearest the right edge of carol's 390 px view, yet
    // inside it, and clear of every avatar's click box (a click there would
    // select the avatar instead of walking).
    const edgeTile = await carol.page.evaluate((width) => {
      const avatars = window.__futura?.drawnUnits() ?? [];
      let best: { x: number; y: number; viewX: number } | null = null;
      for (let x = 0; x < 32; x++) {
        for (let y = 0; y < 32; y++) {
          const point = window.__futura?.tileViewPosition(x, y) ?? null;
          if (point === null || point.x >= width - 8 || point.y < 150 || (best !== null && point.x <= best.viewX)) {
            continue;
          }
          const covered = avatars.some((unit) => Math.abs(unit.viewX - point.x) < 30 && point.y > unit.viewY - 100 && point.y < unit.viewY + 20);
          if (!covered) {
            best = { x, y, viewX: point.x };
          }
        }
      }
      return best;
    }, canvas.width);
    assert.ok(edgeTile !== null, 'a floor tile is in view');
    await clickTile(carol.page, edgeTile.x, edgeTile.y);
    await carol.page.waitForFunction(
      (tile) => (window.__futura?.drawnUnits() ?? []).some((unit) => unit.name === 'carol' && unit.drawnX === tile.x && unit.drawnY === tile.y),
      edgeTile,
      { timeout: WAIT_MS },
    );

    const carolDrawn = (await carol.page.evaluate(() => window.__futura?.drawnUnits() ?? [])).find((unit) => unit.name === 'carol');
    assert.ok(carolDrawn !== undefined, 'carol is drawn');
    assert.ok(carolDrawn.viewX <= canvas.width - 40, `carol's feet stay 40 px inside the right edge (at ${carolDrawn.viewX} of ${canvas.width})`);
    assert.ok(carolDrawn.viewX >= 40, `carol's feet stay 40 px inside the left edge (at ${carolDrawn.viewX})`);
  });

  test('blank canvas fails the render check', async () => {
    const page = await alice.context.newPage();
    await page.setContent('<canvas width="320" height="200" style="background:#0e1622"></canvas>');
    const blank = await page.locator('canvas').screenshot();
    await page.close();
    assert.throws(() => checkRoomScreenshot(blank, 'blank-canvas.png'), /blank or flat render/);
  });

  test('reload keeps the session', async () => {
    await bob.page.reload();
    await waitForRoom(bob.page);
    assert.equal(await bob.page.evaluate(() => window.__futura?.userName()), 'bob');
    assert.equal(await bob.page.getByRole('button', { name: 'Log in' }).count(), 0, 'no login form after the reload');
    const room = await bob.page.evaluate(() => window.__futura?.room());
    assert.equal(room?.name, ROOM_NAME);
  });

  test('lost connection reconnects into the room', async () => {
    const aliceId = (await unitsOf(bob.page)).find((unit) => unit.name === 'alice');
    assert.ok(aliceId !== undefined);
    const epochBefore = await alice.page.evaluate(() => window.__futura?.room()?.yourUnitId);

    const userId = hotel.hotel.context.sessions;
    const serverSession = [...userId.all()].find((session) => session.user?.name === 'alice');
    assert.ok(serverSession !== undefined, 'alice has a session on the server');
    serverSession.connection.close('SERVER_SHUTDOWN');

    await alice.page.getByTestId('reconnecting').waitFor({ timeout: WAIT_MS });
    await alice.page.waitForFunction(
      (previous) => window.__futura?.phase() === 'room' && window.__futura.room()?.yourUnitId !== previous,
      epochBefore,
      { timeout: WAIT_MS },
    );
    await waitForUnitNames(alice.page, ['alice', 'bob', 'carol']);
    await say(alice.page, 'back again');
    await waitForBubble(bob.page, 'back again');
  });

  test('flooding the chat shows a mute countdown', async () => {
    // By default the server mutes a sender whose sixth line comes within 5 seconds of the first.
    for (let line = 1; line <= 6; line += 1) {
      await say(carol.page, `line ${line}`);
    }
    const countdown = carol.page.getByTestId('mute-countdown');
    await countdown.waitFor({ timeout: WAIT_MS });
    assert.match((await countdown.textContent()) ?? '', /^Muted \d+ s$/);
    assert.equal(await carol.page.getByLabel('Chat').isDisabled(), true);
  });

  test('leaving returns to the navigator', async () => {
    await carol.page.getByRole('button', { name: 'Leave room' }).click();
    await carol.page.waitForFunction(() => window.__futura?.phase() === 'lobby', null, { timeout: WAIT_MS });
    await carol.page.getByRole('heading', { name: 'Navigator' }).waitFor({ timeout: WAIT_MS });
  });

  test('early click after entering walks', async () => {
    const dave = await register('dave');
    await dave.page.getByRole('tab', { name: 'Create room' }).click();
    await dave.page.getByLabel('Room name').fill(EARLY_CLICK_ROOM);
    await dave.page.getByLabel('Floor plan', { exact: true }).selectOption('small');
    await dave.page.getByRole('button', { name: 'Create and enter' }).click();
    await waitForRoom(dave.page);

    // The same room in the same window is centred the same way on every
    // entry, so the page position of a tile is known before it is drawn.
    const targets = [
      { moment: '.room-view', tile: { x: 4, y: 3 } },
      { moment: 'canvas.room-canvas', tile: { x: 3, y: 5 } },
    ];
    const host = await dave.page.locator('.room-view').boundingBox();
    assert.ok(host !== null, 'the room view is on the page');
    const pagePoints: { x: number; y: number }[] = [];
    for (const { tile } of targets) {
      const point = await dave.page.evaluate(([x, y]) => window.__futura?.tileViewPosition(x, y) ?? null, [tile.x, tile.y]);
      assert.ok(point !== null, `tile (${tile.x}, ${tile.y}) is on the floor`);
      pagePoints.push({ x: host.x + point.x, y: host.y + point.y });
    }

    for (const [index, { moment, tile }] of targets.entries()) {
      await dave.page.getByRole('button', { name: 'Leave room' }).click();
      await dave.page.waitForFunction(() => window.__futura?.phase() === 'lobby', null, { timeout: WAIT_MS });
      await dave.page.getByRole('tab', { name: 'My rooms' }).click();
      await clickWhenShown(dave.page, moment, pagePoints[index]);
      await dave.page.locator('.room-row', { hasText: EARLY_CLICK_ROOM }).getByRole('button', { name: 'Enter' }).click();
      await waitForOwnUnitAt(dave.page, tile.x, tile.y, `a click as soon as ${moment} is on the page walks to (${tile.x}, ${tile.y})`);
    }
    await dave.context.close();
  });

  /**
   * Clicks the page point as soon as an element matching `selector` is
   * added to the page. Playwright's round trip takes longer than the room
   * view takes to start, so the page sends the pointer events itself, in the
   * order and with the fields a mouse click has.
   */
  async function clickWhenShown(page: Page, selector: string, point: { x: number; y: number }): Promise<void> {
    await page.evaluate(
      ([watched, x, y]) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector(watched) === null) {
            return;
          }
          observer.disconnect();
          const target = document.elementFromPoint(x, y);
          const fields = { clientX: x, clientY: y, button: 0, pointerId: 1, pointerType: 'mouse', isPrimary: true, bubbles: true };
          target?.dispatchEvent(new PointerEvent('pointerdown', { ...fields, buttons: 1 }));
          target?.dispatchEvent(new PointerEvent('pointerup', { ...fields, buttons: 0 }));
        });
        observer.observe(document.body, { childList: true, subtree: true });
      },
      [selector, point.x, point.y] as const,
    );
  }

  async function waitForOwnUnitAt(page: Page, x: number, y: number, message: string): Promise<void> {
    const arrived = await page
      .waitForFunction(
        ([tileX, tileY]) => {
          const room = window.__futura?.room();
          const you = room?.units.find((unit) => unit.unitId === room.yourUnitId);
          return you !== undefined && !you.moving && you.x === tileX && you.y === tileY;
        },
        [x, y] as const,
        { timeout: WAIT_MS },
      )
      .then(
        () => true,
        () => false,
      );
    const you = await page.evaluate(() => {
      const room = window.__futura?.room();
      return room?.units.find((unit) => unit.unitId === room.yourUnitId) ?? null;
    });
    assert.ok(arrived, `${message}; the unit is at ${JSON.stringify(you)}`);
  }

  test('pages raised no errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
