// Avatar figures. A figure string lists parts separated by dots, each part
// `type-style-colour`, for example `hd-1-2.hr-3-5.ch-2-9.lg-1-4.sh-1-1`.
// Styles and colours are 1-based indexes into Futura's own avatar art; the
// palette here is what clients draw colours with.

import { rules } from './limits.ts';
import { ProtocolError } from './protocol-error.ts';

export interface FigurePartType {
  readonly label: string;
  readonly styles: number;
  readonly required: boolean;
}

export const figurePartTypes = {
  hd: { label: 'head and skin', styles: 4, required: true },
  hr: { label: 'hair', styles: 8, required: false },
  ch: { label: 'shirt', styles: 6, required: true },
  lg: { label: 'trousers', styles: 4, required: true },
  sh: { label: 'shoes', styles: 3, required: false },
  ha: { label: 'hat', styles: 4, required: false },
} as const satisfies Record<string, FigurePartType>;

export type FigurePartName = keyof typeof figurePartTypes;

/** Colours by index (colour 1 is the first entry), as 0xRRGGBB. */
export const figurePalette: readonly number[] = [
  0xf5d6b4, 0xe3b58f, 0xc68b5e, 0x8d5a3b, 0x5b3a26, 0x2b2b2b, 0xf2f2f2, 0xd63c3c, 0xe88a2e, 0xf2d13b,
  0x58b94a, 0x2f8f83, 0x3b7bd6, 0x6a4cc9, 0xd65ab0, 0x8a8f99,
];

export const DEFAULT_FIGURE = 'hd-1-1.hr-1-5.ch-1-13.lg-1-6.sh-1-6';

export interface FigurePart {
  readonly type: FigurePartName;
  readonly style: number;
  readonly colour: number;
}

/** Parses and checks a figure string; raises ProtocolError FIGURE_INVALID naming the wrong part. */
export function parseFigure(figure: string): FigurePart[] {
  if (figure.length === 0 || figure.length > rules.figureMaxChars) {
    throw new ProtocolError('FIGURE_INVALID', `A figure is 1-${rules.figureMaxChars} characters.`);
  }

  const parts: FigurePart[] = [];
  const seen = new Set<string>();

  for (const text of figure.split('.')) {
    const match = /^([a-z]{2})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (match === null) {
      throw new ProtocolError('FIGURE_INVALID', `Figure part "${text}" is not of the form type-style-colour, such as hd-1-2.`);
    }

    const [, type, styleText, colourText] = match;
    if (!Object.hasOwn(figurePartTypes, type)) {
      throw new ProtocolError('FIGURE_INVALID', `Figure part type "${type}" is unknown; use ${Object.keys(figurePartTypes).join(', ')}.`);
    }
    if (seen.has(type)) {
      throw new ProtocolError('FIGURE_INVALID', `Figure part type "${type}" appears twice.`);
    }
    seen.add(type);

    const partType: FigurePartType = figurePartTypes[type as FigurePartName];
    const style = Number(styleText);
    const colour = Number(colourText);
    if (style < 1 || style > partType.styles) {
      throw new ProtocolError('FIGURE_INVALID', `Style ${style} of "${type}" is out of range 1-${partType.styles}.`);
    }
    if (colour < 1 || colour > figurePalette.length) {
      throw new ProtocolError('FIGURE_INVALID', `Colour ${colour} of "${type}" is out of range 1-${figurePalette.length}.`);
    }
    parts.push({ type: type as FigurePartName, style, colour });
  }

  for (const [type, partType] of Object.entries(figurePartTypes)) {
    if (partType.required && !seen.has(type)) {
      throw new ProtocolError('FIGURE_INVALID', `The figure has no "${type}" (${partType.label}) part.`);
    }
  }
  return parts;
}
