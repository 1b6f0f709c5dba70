import type { FieldMap, ValuesOf } from './field-types.ts';

/** Who sends a message: `client` messages travel to the server, `server` messages to clients. */
export type Direction = 'client' | 'server';

export interface MessageDefinition<
  Name extends string = string,
  Fields extends FieldMap = FieldMap,
  Sender extends Direction = Direction,
> {
  readonly name: Name;
  readonly opcode: number;
  readonly direction: Sender;
  /** One sentence for docs/protocol.md. */
  readonly summary: string;
  readonly fields: Fields;
}

/** Declares a message; the `const` type parameters keep its name and fields precise for the types derived from it. */
export function defineMessage<const Name extends string, const Fields extends FieldMap, const Sender extends Direction>(
  definition: MessageDefinition<Name, Fields, Sender>,
): MessageDefinition<Name, Fields, Sender> {
  return definition;
}

/** A decoded message: its name under `type`, then its fields. */
export type MessageValue<Definition> =
  Definition extends MessageDefinition<infer Name, infer Fields, Direction> ? { type: Name } & ValuesOf<Fields> : never;

/** The fields of a message without its `type`, as passed to the encoder. */
export type MessageFields<Definition> =
  Definition extends MessageDefinition<string, infer Fields, Direction> ? ValuesOf<Fields> : never;
