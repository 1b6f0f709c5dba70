// The room's recent chat as a list, for reading back what scrolled away.

import { useEffect, useRef } from 'react';

export interface ChatLine {
  readonly id: number;
  readonly kind: 'talk' | 'shout' | 'whisper';
  readonly speaker: string;
  readonly text: string;
  /** For whispers: the other party's name. */
  readonly partner: string | null;
  readonly fromYou: boolean;
}

export function ChatHistory({ lines, onClose }: { lines: readonly ChatLine[]; onClose: () => void }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [lines]);

  return (
    <aside className="panel chat-history" aria-label="Chat history">
      <div className="panel-heading">
        <h2>Chat history</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <ul aria-live="polite">
        {lines.map((line) => (
          <li key={line.id} className={`chat-line chat-${line.kind}`} data-kind={line.kind}>
            <strong>{lineLabel(line)}</strong> {line.text}
          </li>
        ))}
        <li ref={end} className="chat-end" aria-hidden="true" />
      </ul>
    </aside>
  );
}

function lineLabel(line: ChatLine): string {
  if (line.kind === 'whisper') {
    return line.fromYou ? `You whisper to ${line.partner ?? 'someone'}:` : `${line.speaker} whispers:`;
  }
  if (line.kind === 'shout') {
    return `${line.speaker} shouts:`;
  }
  return `${line.speaker}:`;
}
