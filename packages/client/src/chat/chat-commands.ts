// Commands in lines typed into the chat input. Plain text is talk, and a
// line that starts with a known command word does something else:
//
//   :shout TEXT           shout a line (shown in bold)
//   :whisper NAME TEXT    whisper to NAME (also :w)
//   :wave                 wave
//   :dance [1-4]          dance in a style (1 when left out); :dance 0 stops
//   :sit  :stand          sit down on the floor, stand up
//
// Any other line, including one that starts with ':' but is not one of
// these words (":)" for example), is talk.

export type ChatCommand =
  | { readonly kind: 'empty' }
  | { readonly kind: 'talk'; readonly text: string }
  | { readonly kind: 'shout'; readonly text: string }
  | { readonly kind: 'whisper'; readonly target: string; readonly text: string }
  | { readonly kind: 'wave' }
  | { readonly kind: 'dance'; readonly style: number }
  | { readonly kind: 'sit' }
  | { readonly kind: 'stand' }
  | { readonly kind: 'invalid'; readonly message: string };

const commandPattern = /^:([a-z]+)(?:\s+([\s\S]*))?$/i;

/** Turns one line of chat input into a command. */
export function parseChatLine(line: string): ChatCommand {
  const text = line.trim();
  if (text === '') {
    return { kind: 'empty' };
  }

  const match = commandPattern.exec(text);
  if (match === null) {
    return { kind: 'talk', text };
  }
  const word = match[1].toLowerCase();
  const rest = (match[2] ?? '').trim();

  switch (word) {
    case 'shout':
      return rest === '' ? { kind: 'invalid', message: 'Type the line to shout after :shout.' } : { kind: 'shout', text: rest };
    case 'whisper':
    case 'w':
      return parseWhisper(rest);
    case 'wave':
      return { kind: 'wave' };
    case 'dance':
      return parseDance(rest);
    case 'sit':
      return { kind: 'sit' };
    case 'stand':
      return { kind: 'stand' };
    default:
      return { kind: 'talk', text };
  }
}

function parseWhisper(rest: string): ChatCommand {
  const space = rest.search(/\s/);
  if (rest === '' || space === -1) {
    return { kind: 'invalid', message: 'Whisper with :whisper NAME TEXT, for example :whisper bob hello.' };
  }
  const target = rest.slice(0, space);
  const text = rest.slice(space).trim();
  return { kind: 'whisper', target, text };
}

function parseDance(rest: string): ChatCommand {
  if (rest === '') {
    return { kind: 'dance', style: 1 };
  }
  if (!/^[0-4]$/.test(rest)) {
    return { kind: 'invalid', message: 'Dance styles are 1 to 4, and :dance 0 stops dancing.' };
  }
  return { kind: 'dance', style: Number(rest) };
}

/** Whether a clock difference this large (ms) means the client's clock disagrees with the server's. */
const CLOCK_SKEW_LIMIT_MS = 5_000;

/**
 * Returns when a flood mute ends on this machine's clock. The server sends
 * the end as Unix milliseconds and as a number of seconds. The end time is
 * used when the two clocks roughly agree, and the seconds from now otherwise.
 */
export function muteEndsAt(untilMs: number, seconds: number, nowMs: number): number {
  const fromSeconds = nowMs + seconds * 1000;
  return Math.abs(untilMs - fromSeconds) <= CLOCK_SKEW_LIMIT_MS ? untilMs : fromSeconds;
}

/** Returns the whole seconds left until `endsAtMs`, rounded up, never below 0. */
export function secondsLeft(endsAtMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((endsAtMs - nowMs) / 1000));
}
