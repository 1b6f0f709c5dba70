// Field type descriptors. A message's fields are an object of descriptors in
// wire order (JavaScript keeps the insertion order of string keys), and the
// TypeScript type of a decoded message is derived from the same object, so
// the catalogue is the single source for bytes, types and docs.

export type IntegerKind = 'u8' | 'u16' | 'u32' | 'i32';

export interface IntegerField {
  readonly kind: IntegerKind;
  readonly min?: number;
  readonly max?: number;
}

export interface FloatField {
  readonly kind: 'f64';
}

export interface BoolField {
  readonly kind: 'bool';
}

export interface StringField {
  readonly kind: 'string';
  /** Maximum length in UTF-8 bytes. */
  readonly maxBytes: number;
}

export interface ListField<Item extends FieldType = FieldType> {
  readonly kind: 'list';
  readonly maxItems: number;
  readonly item: Item;
}

export interface StructField<Fields extends FieldMap = FieldMap> {
  readonly kind: 'struct';
  /** The name docs/protocol.md gives the struct's own table. */
  readonly name: string;
  readonly fields: Fields;
}

export type FieldType = IntegerField | FloatField | BoolField | StringField | ListField<any> | StructField<any>;

export type FieldMap = { readonly [name: string]: FieldType };

export type ValueOf<F> = F extends IntegerField | FloatField
  ? number
  : F extends BoolField
    ? boolean
    : F extends StringField
      ? string
      : F extends ListField<infer Item>
        ? ValueOf<Item>[]
        : F extends StructField<infer Fields>
          ? ValuesOf<Fields>
          : never;

export type ValuesOf<Fields extends FieldMap> = { -readonly [Name in keyof Fields]: ValueOf<Fields[Name]> };

const integerRanges: Record<IntegerKind, [number, number]> = {
  u8: [0, 0xff],
  u16: [0, 0xffff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};

/** Returns the inclusive range an integer field accepts: its own bounds within its width. */
export function integerRange(field: IntegerField): [number, number] {
  const [widthMin, widthMax] = integerRanges[field.kind];
  return [field.min ?? widthMin, field.max ?? widthMax];
}

/** Builders for field descriptors, so catalogue entries stay one line each. */
export const t = {
  u8: (min?: number, max?: number): IntegerField => ({ kind: 'u8', min, max }),
  u16: (min?: number, max?: number): IntegerField => ({ kind: 'u16', min, max }),
  u32: (min?: number, max?: number): IntegerField => ({ kind: 'u32', min, max }),
  i32: (min?: number, max?: number): IntegerField => ({ kind: 'i32', min, max }),
  f64: (): FloatField => ({ kind: 'f64' }),
  bool: (): BoolField => ({ kind: 'bool' }),
  string: (maxBytes: number): StringField => ({ kind: 'string', maxBytes }),
  list: <Item extends FieldType>(item: Item, maxItems: number): ListField<Item> => ({ kind: 'list', maxItems, item }),
  struct: <Fields extends FieldMap>(name: string, fields: Fields): StructField<Fields> => ({ kind: 'struct', name, fields }),
};

/** Describes a field type in the words docs/protocol.md uses, such as `string(100)` or `list<unit>(100)`. */
export function describeField(field: FieldType): string {
  switch (field.kind) {
    case 'string':
      return `string(${field.maxBytes})`;
    case 'list':
      return `list<${describeField(field.item)}>(${field.maxItems})`;
    case 'struct':
      return field.name;
    case 'f64':
    case 'bool':
      return field.kind;
    default: {
      const [min, max] = integerRange(field);
      const [widthMin, widthMax] = integerRanges[field.kind];
      return min === widthMin && max === widthMax ? field.kind : `${field.kind} ${min}..${max}`;
    }
  }
}
