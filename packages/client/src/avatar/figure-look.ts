// Figure strings as the avatar art reads them. A figure lists parts
// `type-style-colour` separated by dots (see figurePartTypes in
// @futura/protocol); colours index figurePalette from 1.

import { DEFAULT_FIGURE, figurePalette, figurePartTypes, parseFigure, ProtocolError, type FigurePartName } from '@futura/protocol';

export interface PartLook {
  /** Style number, from 1 to the part type's number of styles. */
  readonly style: number;
  /** Palette index from 1. */
  readonly colourIndex: number;
  /** The palette colour as 0xRRGGBB. */
  readonly colour: number;
}

/** One choice per part type; optional parts (hair, shoes, hat) may be null. */
export type AvatarLook = { readonly [Part in FigurePartName]: PartLook | null };

/** Part types in the order the figure editor lists them and `figureOfLook` writes them. */
export const PART_ORDER: readonly FigurePartName[] = ['hd', 'hr', 'ha', 'ch', 'lg', 'sh'];

function partLook(style: number, colourIndex: number): PartLook {
  return { style, colourIndex, colour: figurePalette[colourIndex - 1] };
}

/**
 * Reads a figure string. A figure the protocol rejects (which the server
 * never sends) is drawn with the default look, so one bad string cannot
 * break the room view.
 */
export function lookOfFigure(figure: string): AvatarLook {
  let parts;
  try {
    parts = parseFigure(figure);
  } catch (error) {
    if (!(error instanceof ProtocolError)) {
      throw error;
    }
    parts = parseFigure(DEFAULT_FIGURE);
  }

  const look: Record<FigurePartName, PartLook | null> = { hd: null, hr: null, ch: null, lg: null, sh: null, ha: null };
  for (const part of parts) {
    look[part.type] = partLook(part.style, part.colour);
  }
  return look;
}

/** Writes a look back as a figure string, leaving out empty optional parts. */
export function figureOfLook(look: AvatarLook): string {
  return PART_ORDER.flatMap((type) => {
    const part = look[type];
    return part === null ? [] : [`${type}-${part.style}-${part.colourIndex}`];
  }).join('.');
}

/** Returns a copy of `look` with one part replaced (null removes an optional part). */
export function withPart(look: AvatarLook, type: FigurePartName, style: number | null, colourIndex: number): AvatarLook {
  if (style === null && figurePartTypes[type].required) {
    return look;
  }
  return { ...look, [type]: style === null ? null : partLook(style, colourIndex) };
}

/** Skin colours: the first five palette entries. */
export const SKIN_COLOURS = [1, 2, 3, 4, 5] as const;

/**
 * Returns a random valid figure, for a new account's first look. `random`
 * returns numbers in [0, 1) like Math.random, which it defaults to.
 */
export function randomFigure(random: () => number = Math.random): string {
  const pick = (count: number): number => 1 + Math.floor(random() * count);
  const colour = (): number => pick(figurePalette.length);
  const look: AvatarLook = {
    hd: partLook(pick(figurePartTypes.hd.styles), SKIN_COLOURS[pick(SKIN_COLOURS.length) - 1]),
    hr: partLook(pick(figurePartTypes.hr.styles), colour()),
    ha: random() < 0.3 ? partLook(pick(figurePartTypes.ha.styles), colour()) : null,
    ch: partLook(pick(figurePartTypes.ch.styles), colour()),
    lg: partLook(pick(figurePartTypes.lg.styles), colour()),
    sh: partLook(pick(figurePartTypes.sh.styles), colour()),
  };
  return figureOfLook(look);
}
