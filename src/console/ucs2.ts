// Which characters of a text force UCS-2, for the compose counter to mark.
import { gsmWidth } from "../domain/text/gsm-alphabet";

/** The distinct characters (whole code points, so an emoji stays one) that force the text into UCS-2. */
export function ucs2Forcing(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    for (let i = 0; i < char.length; i++) {
      if (gsmWidth(char.charCodeAt(i)) === 0) {
        found.add(char);
        break;
      }
    }
  }
  return [...found];
}
