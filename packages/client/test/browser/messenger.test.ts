// The messenger in Chromium against a real hotel. A friend request from the
// avatar card is accepted in the pop-up, and private messages go both ways
// through the chat windows. Further tests cover unread counts, a request
// sent while the recipient's page is closed, invites and following.
// Screenshots of the panels at 1280x720 and 390x720 go to
// test-results/browser/.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import type { Browser, BrowserContext, Page } from 'playwright-core';

import { startTestHotel, type TestHotel } from '../../../server/test/support/test-hotel.ts';
import { ensureClientBuilt, REPOSITORY_ROOT } from './support/build.ts';
import { launchChromium } from './support/chromium.ts';

const SCREENSHOT_DIR = path.join(REPOSITORY_ROOT, 'test-results', 'browser');
const ROOM_NAME = 'Messenger Room';
const PASSWORD = 'a long password';
/** Maximum wait for anything in the page, in ms. */
const WAIT_MS = 10_000;
const WIDE = { width: 1280, height: 720 };
const NARROW = { width: 390, height: 720 };

interface Player {
  readonly name: string;
  context: BrowserContext;
  page: Page;
}

describe('messenger in Chromium', { timeout: 90_000 }, () => {
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
    hotel = await startTestHotel();
    baseUrl = `http://127.0.0.1:${hotel.hotel.httpPort}/`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await hotel?.stop();
  });

  async function openPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${error.message}`));
    await page.goto(baseUrl);
    await page.waitForFunction(() => window.__futura?.phase() === 'login', null, { timeout: WAIT_MS });
    return { context, page };
  }

  async function register(name: string, viewport = WIDE): Promise<Player> {
    const { context, page } = await openPage(viewport);
    await page.getByRole('tab', { name: 'Register' }).click();
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForFunction(() => window.__futura?.phase() === 'lobby', null, { timeout: WAIT_MS });
    return { name, context, page };
  }

  async function logIn(player: Player, viewport: { width: number; height: number }): Promise<void> {
    const { context, page } = await openPage(viewport);
    await page.getByLabel('Name', { exact: true }).fill(player.name);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForFunction(() => window.__futura?.phase() === 'lobby', null, { timeout: WAIT_MS });
    player.context = context;
    player.page = page;
  }

  async function waitForRoom(page: Page): Promise<void> {
    await page.waitForFunction(() => window.__futura?.phase() === 'room' && (window.__futura.view()?.frames ?? 0) > 2, null, { timeout: WAIT_MS });
  }

  async function waitForUnitAt(page: Page, name: string, x: number, y: number): Promise<void> {
    await page.waitForFunction(
      ([who, tileX, tileY]) => (window.__futura?.drawnUnits() ?? []).some((unit) => unit.name === who && unit.drawnX === tileX && unit.drawnY === tileY),
      [name, x, y] as const,
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

  async function clickAvatar(page: Page, name: string): Promise<void> {
    const drawn = (await page.evaluate(() => window.__futura?.drawnUnits() ?? [])).find((unit) => unit.name === name);
    assert.ok(drawn !== undefined, `${name} is drawn`);
    const canvas = await page.locator('canvas.room-canvas').boundingBox();
    assert.ok(canvas !== null, 'the room canvas is on the page');
    await page.mouse.click(canvas.x + drawn.viewX, canvas.y + drawn.viewY - 40);
    await page.getByTestId('unit-card').getByRole('heading', { name }).waitFor({ timeout: WAIT_MS });
  }

  async function openFriends(page: Page): Promise<void> {
    const toggle = page.getByRole('button', { name: /^Friends/ });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
      await toggle.click();
    }
    await page.getByTestId('friends-panel').waitFor({ timeout: WAIT_MS });
  }

  function friendRow(page: Page, name: string) {
    return page.getByTestId('friends-panel').locator('.friend-row', { has: page.locator('.friend-name', { hasText: new RegExp(`^${name}`) }) });
  }

  function chatWindow(page: Page, name: string) {
    return page.locator(`[data-testid="chat-window"][data-friend="${name}"]`);
  }

  async function sendPrivate(page: Page, to: string, text: string): Promise<void> {
    const input = chatWindow(page, to).getByLabel(`Message to ${to}`);
    await input.fill(text);
    await input.press('Enter');
    await chatWindow(page, to).locator('.private-message.mine', { hasText: text }).waitFor({ timeout: WAIT_MS });
  }

  async function screenshot(page: Page, fileName: string): Promise<void> {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, fileName) });
  }

  test('friend request from the avatar card is accepted in the pop-up', async () => {
    alice = await register('alice');
    await alice.page.getByRole('tab', { name: 'Create room' }).click();
    await alice.page.getByLabel('Room name').fill(ROOM_NAME);
    await alice.page.getByLabel('Floor plan', { exact: true }).selectOption('small');
    await alice.page.getByRole('button', { name: 'Create and enter' }).click();
    await waitForRoom(alice.page);
    // Alice steps off the door tile, so that bob's avatar does not cover hers.
    await clickTile(alice.page, 4, 2);
    await waitForUnitAt(alice.page, 'alice', 4, 2);

    bob = await register('bob');
    await bob.page.getByRole('tab', { name: 'Search' }).click();
    await bob.page.getByLabel('Room or owner name').fill(ROOM_NAME);
    await bob.page.getByRole('button', { name: 'Search', exact: true }).click();
    await bob.page.locator('.room-row', { hasText: ROOM_NAME }).getByRole('button', { name: 'Enter' }).click();
    await waitForRoom(bob.page);
    await waitForUnitAt(bob.page, 'alice', 4, 2);

    // Own card: no "Add friend".
    await clickAvatar(bob.page, 'bob');
    assert.equal(await bob.page.getByTestId('unit-card').getByRole('button', { name: 'Add friend' }).count(), 0, 'no Add friend on your own card');

    await clickAvatar(bob.page, 'alice');
    await bob.page.getByTestId('unit-card').getByRole('button', { name: 'Add friend' }).click();
    await bob.page.getByTestId('unit-card-friend-result').getByText('Friend request sent to alice.').waitFor({ timeout: WAIT_MS });

    const popup = alice.page.getByTestId('friend-request-popup');
    await popup.waitFor({ timeout: WAIT_MS });
    assert.match((await popup.textContent()) ?? '', /bob wants to be your friend\./);
    assert.equal(await popup.getByRole('button', { name: 'Decline all' }).count(), 0, 'Decline all shows only for several requests');
    await popup.getByRole('button', { name: 'Accept' }).click();
    await popup.waitFor({ state: 'detached', timeout: WAIT_MS });

    for (const [player, other] of [
      [alice, 'bob'],
      [bob, 'alice'],
    ] as const) {
      await openFriends(player.page);
      const row = friendRow(player.page, other);
      await row.waitFor({ timeout: WAIT_MS });
      await row.getByText(`In ${ROOM_NAME}`).waitFor({ timeout: WAIT_MS });
      assert.equal(await row.getAttribute('data-online'), 'true');
    }

    // Friends get no "Add friend" on each other's cards.
    await bob.page.getByTestId('unit-card').getByRole('button', { name: 'Close' }).click();
    await clickAvatar(bob.page, 'alice');
    assert.equal(await bob.page.getByTestId('unit-card').getByRole('button', { name: 'Add friend' }).count(), 0, 'no Add friend for a friend');
    await bob.page.getByTestId('unit-card').getByRole('button', { name: 'Close' }).click();
  });

  test('private messages go both ways', async () => {
    await friendRow(bob.page, 'alice').getByRole('button', { name: 'Message' }).click();
    await chatWindow(bob.page, 'alice').getByText('No messages yet. Say hello!').waitFor({ timeout: WAIT_MS });
    await sendPrivate(bob.page, 'alice', 'Hi alice, want to explore?');

    // Alice's window opens minimised with the count, and opening it shows the text.
    const aliceWindow = chatWindow(alice.page, 'bob');
    await aliceWindow.getByTestId('chat-unread').getByText('1').waitFor({ timeout: WAIT_MS });
    await aliceWindow.getByRole('button', { name: /bob/ }).first().click();
    await aliceWindow.locator('.private-message', { hasText: 'Hi alice, want to explore?' }).waitFor({ timeout: WAIT_MS });
    assert.equal(await aliceWindow.getByTestId('chat-unread').count(), 0, 'opening the window clears its count');

    await sendPrivate(alice.page, 'bob', 'Sure, bob! <b>not bold</b>');
    const received = chatWindow(bob.page, 'alice').locator('.private-message:not(.mine)', { hasText: 'Sure, bob! <b>not bold</b>' });
    await received.waitFor({ timeout: WAIT_MS });
    assert.equal(await chatWindow(bob.page, 'alice').locator('b').count(), 0, 'messages show as text');

    await screenshot(alice.page, 'messenger-alice-1280x720.png');
  });

  test('closed window shows the unread count', async () => {
    await chatWindow(bob.page, 'alice').getByRole('button', { name: 'Close the chat with alice' }).click();
    await chatWindow(bob.page, 'alice').waitFor({ state: 'detached', timeout: WAIT_MS });

    await sendPrivate(alice.page, 'bob', 'Are you there?');
    await sendPrivate(alice.page, 'bob', 'Hello?');

    await bob.page.getByTestId('friends-badge').getByText('2').waitFor({ timeout: WAIT_MS });
    await friendRow(bob.page, 'alice').getByTestId('friend-unread').getByText('2').waitFor({ timeout: WAIT_MS });
    const window = chatWindow(bob.page, 'alice');
    await window.getByTestId('chat-unread').getByText('2').waitFor({ timeout: WAIT_MS });
    assert.equal(await window.getByRole('button', { name: /alice/ }).first().getAttribute('aria-expanded'), 'false', 'the window came back minimised');
    await screenshot(bob.page, 'messenger-unread-1280x720.png');

    // Opening shows the history and the new messages in order, each once.
    await window.getByRole('button', { name: /alice/ }).first().click();
    await window.locator('.private-message', { hasText: 'Hello?' }).waitFor({ timeout: WAIT_MS });
    const texts = await window.locator('.private-message-text').allTextContents();
    assert.deepEqual(texts, ['Hi alice, want to explore?', 'Sure, bob! <b>not bold</b>', 'Are you there?', 'Hello?']);
    assert.equal(await bob.page.getByTestId('friends-badge').count(), 0, 'the badge goes once everything is read');
  });

  test('request to a closed page pops up after login', async () => {
    carol = await register('carol', NARROW);
    await carol.context.close();

    await openFriends(alice.page);
    await alice.page.getByLabel('Name of the user to add').fill('carol');
    await alice.page.getByRole('button', { name: 'Add friend' }).click();
    await alice.page.getByTestId('add-friend-result').getByText('Friend request sent to carol.').waitFor({ timeout: WAIT_MS });
    await bob.page.getByLabel('Name of the user to add').fill('carol');
    await bob.page.getByRole('button', { name: 'Add friend' }).click();
    await bob.page.getByTestId('add-friend-result').getByText('Friend request sent to carol.').waitFor({ timeout: WAIT_MS });

    await logIn(carol, NARROW);
    const popup = carol.page.getByTestId('friend-request-popup');
    await popup.waitFor({ timeout: WAIT_MS });
    await popup.getByText('alice', { exact: true }).waitFor({ timeout: WAIT_MS });
    await popup.getByText('bob', { exact: true }).waitFor({ timeout: WAIT_MS });
    assert.equal(await popup.getByRole('button', { name: 'Decline all' }).count(), 1, 'Decline all shows for two requests');
    await screenshot(carol.page, 'messenger-popup-390x720.png');

    // A reload brings the pop-up back: the server resends pending requests.
    await carol.page.reload();
    await carol.page.waitForFunction(() => window.__futura?.phase() === 'lobby', null, { timeout: WAIT_MS });
    await popup.waitFor({ timeout: WAIT_MS });
    assert.deepEqual(await carol.page.evaluate(() => window.__futura?.messenger().requests), ['alice', 'bob']);

    await popup.locator('.friend-request', { hasText: 'alice' }).getByRole('button', { name: 'Accept' }).click();
    await popup.locator('.friend-request', { hasText: 'bob' }).getByRole('button', { name: 'Decline' }).click();
    await popup.waitFor({ state: 'detached', timeout: WAIT_MS });
    await friendRow(alice.page, 'carol').getByText('Online, room hidden or none').waitFor({ timeout: WAIT_MS });
    assert.equal(await friendRow(bob.page, 'carol').count(), 0, 'bob was declined');
  });

  test('add friend errors are clear', async () => {
    const result = alice.page.getByTestId('add-friend-result');
    const cases: [string, string][] = [
      ['nobody-here', 'Nobody in the hotel is called "nobody-here". Check the spelling.'],
      ['alice', 'You cannot send a friend request to yourself.'],
      ['bob', 'You and bob are already friends.'],
    ];
    for (const [name, expected] of cases) {
      await alice.page.getByLabel('Name of the user to add').fill(name);
      await alice.page.getByRole('button', { name: 'Add friend' }).click();
      await result.getByText(expected).waitFor({ timeout: WAIT_MS });
    }
  });

  test('invite brings a friend into the room', async () => {
    await friendRow(alice.page, 'carol').getByRole('button', { name: 'Invite' }).click();
    await friendRow(alice.page, 'carol').getByRole('button', { name: 'Send invite' }).click();
    await friendRow(alice.page, 'carol').getByText('Invited carol.').waitFor({ timeout: WAIT_MS });

    const toast = carol.page.getByTestId('room-invite');
    await toast.getByText(`alice invites you to ${ROOM_NAME}`).waitFor({ timeout: WAIT_MS });
    await screenshot(carol.page, 'messenger-invite-390x720.png');
    await toast.getByRole('button', { name: 'Go' }).click();
    await waitForRoom(carol.page);
    assert.equal(await carol.page.evaluate(() => window.__futura?.room()?.name), ROOM_NAME);
    assert.equal(await toast.count(), 0, 'the toast goes');
  });

  test('follow enters the friend room', async () => {
    await bob.page.getByRole('button', { name: 'Leave room' }).click();
    await bob.page.waitForFunction(() => window.__futura?.phase() === 'lobby', null, { timeout: WAIT_MS });
    await openFriends(bob.page);
    await friendRow(bob.page, 'alice').getByRole('button', { name: 'Follow' }).click();
    await waitForRoom(bob.page);
    assert.equal(await bob.page.evaluate(() => window.__futura?.room()?.name), ROOM_NAME);
    assert.equal(await friendRow(bob.page, 'alice').getByRole('button', { name: 'Follow' }).isDisabled(), true, 'no Follow into the room you are in');
  });

  test('panels fit a narrow window', async () => {
    await openFriends(carol.page);
    await friendRow(carol.page, 'alice').waitFor({ timeout: WAIT_MS });
    await screenshot(carol.page, 'messenger-friends-390x720.png');
    const panel = await carol.page.getByTestId('friends-panel').boundingBox();
    assert.ok(panel !== null, 'the friends panel is on the page');
    assert.ok(panel.x >= 0, 'the friends panel starts inside 390 px');
    assert.ok(panel.x + panel.width <= NARROW.width, 'the friends panel ends inside 390 px');

    // Message closes the panel on a narrow screen so that the window shows.
    await friendRow(carol.page, 'alice').getByRole('button', { name: 'Message' }).click();
    await carol.page.getByTestId('friends-panel').waitFor({ state: 'detached', timeout: WAIT_MS });
    await sendPrivate(carol.page, 'alice', 'Thanks for the invite!');
    const window = await chatWindow(carol.page, 'alice').boundingBox();
    assert.ok(window !== null, 'the chat window is on the page');
    assert.ok(window.x >= 0, 'the chat window starts inside 390 px');
    assert.ok(window.x + window.width <= NARROW.width, 'the chat window ends inside 390 px');
    const input = await carol.page.getByLabel('Chat', { exact: true }).boundingBox();
    assert.ok(input !== null, 'the room chat input is on the page');
    assert.ok(window.y + window.height <= input.y, 'the chat window stays above the room chat input');
    await screenshot(carol.page, 'messenger-chat-390x720.png');
  });

  test('friends panel leaves the navigator free', async () => {
    const dave = await register('dave');
    await openFriends(dave.page);
    const panel = await dave.page.getByTestId('friends-panel').boundingBox();
    const navigator = await dave.page.locator('.navigator').boundingBox();
    assert.ok(panel !== null, 'the friends panel is on the page');
    assert.ok(navigator !== null, 'the navigator is on the page');
    assert.ok(navigator.x + navigator.width <= panel.x, `the navigator ends at ${navigator.x + navigator.width} px, left of the panel at ${panel.x} px`);

    const createTab = dave.page.getByRole('tab', { name: 'Create room' });
    await createTab.click();
    assert.equal(await createTab.getAttribute('aria-selected'), 'true', 'the navigator tabs take clicks with the panel open');
    await screenshot(dave.page, 'messenger-lobby-1280x720.png');
    await dave.context.close();
  });

  test('pages raised no errors', () => {
    assert.deepEqual(pageErrors, []);
  });
});
