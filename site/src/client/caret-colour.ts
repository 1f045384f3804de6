/**
 * The text colour on a collaborator's caret label: NHS black or white, whichever contrasts more
 * with their colour (WCAG relative luminance), so every name stays readable whatever colour the
 * CMS gave them.
 */
export function textColourOn(colour: string): string {
  const match = /^#?([0-9a-f]{6})$/i.exec(colour.trim());
  if (!match) return '#ffffff';
  const value = parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
  const onBlack = (luminance + 0.05) / 0.05;
  const onWhite = 1.05 / (luminance + 0.05);
  return onBlack > onWhite ? '#212b32' : '#ffffff';
}
