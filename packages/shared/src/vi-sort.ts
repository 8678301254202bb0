/**
 * A sort key that orders Vietnamese text correctly with a plain byte comparison (COLLATE "C"),
 * on PGlite (no Vietnamese collation) and on a server alike: letters in the Vietnamese alphabet's
 * order (a ă â b c d đ e ê …), tone marks only as a tie-break, case ignored.
 */
const ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split(" ");
const LETTER_RANK = new Map(ALPHABET.map((letter, i) => [letter, i]));
// Tone marks (combining), in the conventional order: none, grave, hook, tilde, acute, dot below.
const TONES = new Map([
  ["\u0300", 1],
  ["\u0309", 2],
  ["\u0303", 3],
  ["\u0301", 4],
  ["\u0323", 5],
]);
// Vowel-shape marks that make a distinct letter.
const SHAPES = new Map([
  ["a\u0306", "ă"],
  ["a\u0302", "â"],
  ["e\u0302", "ê"],
  ["o\u0302", "ô"],
  ["o\u031b", "ơ"],
  ["u\u031b", "ư"],
]);

export function viSortKey(text: string): string {
  const decomposed = text.toLowerCase().normalize("NFD");
  let primary = "";
  let tones = "";
  for (let i = 0; i < decomposed.length; i++) {
    let ch = decomposed[i];
    const digits = /^\d+/.exec(decomposed.slice(i));
    if (digits) {
      // numbers compare by value: "Phường 5" before "Phường 10"
      primary += digits[0].padStart(8, "0");
      i += digits[0].length - 1;
      continue;
    }
    const next = decomposed[i + 1];
    if (next && SHAPES.has(ch + next)) {
      ch = SHAPES.get(ch + next)!;
      i++;
    }
    const after = decomposed[i + 1];
    const tone = after ? TONES.get(after) : undefined;
    if (tone) i++;
    const rank = LETTER_RANK.get(ch);
    if (rank !== undefined) {
      primary += String.fromCharCode(0x41 + rank);
      tones += String(tone ?? 0);
    } else if (/\s/.test(ch)) {
      primary += "!";
    }
  }
  // " " sorts below every character used above, so a name sorts before its longer extensions
  return `${primary} ${tones}`;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
export const compareVi = (a: string, b: string) => collator.compare(a, b);
