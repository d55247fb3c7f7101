/**
 * Decoded views of a text, for finding a secret however an echo spelled it: the text as it
 * stands, and decoded layer by layer (percent-encoding, JSON and HTML escapes, in either order or
 * twice; quoted-printable on its own). Each view remembers where every character came from, so
 * what is found in a view is removed from the text at the place it came from.
 */

/** A decoded view of a text: `text[i]` came from `original.slice(from[i], to[i])`. */
export interface View {
  text: string;
  from: number[];
  to: number[];
}

// Named character references an echo may use for a token's punctuation (HTML Living Standard).
const named: Record<string, string> = {
  sol: "/",
  plus: "+",
  equals: "=",
  period: ".",
  lowbar: "_",
  dash: "-",
  hyphen: "-",
  amp: "&",
  num: "#",
  percnt: "%",
  bsol: "\\",
  quot: '"',
};

/** How each decoding finds an escape: where one may start, and what it is. */
const escapes = {
  // RFC 3986 §2.1.
  percent: { starts: "%", pattern: /^%([0-9a-f]{2})/i },
  // JSON's `\uXXXX`, `\/` and `\\` (RFC 8259 §7), and HTML character references.
  text: {
    starts: "\\&",
    pattern: /^(?:\\u([0-9a-f]{4})|\\([/\\"])|&#(\d{1,7});|&#x([0-9a-f]{1,6});|&([a-z]{2,6});)/i,
  },
  // Quoted-printable (RFC 2045 §6.7), a view of its own: `=7f` in any other text is no escape,
  // and decoding it there would eat the start of a token that follows an `=`.
  printable: { starts: "=", pattern: /^=([0-9A-F]{2})/ },
} as const;

/**
 * A view of `view` one decoding further (see `escapes`), or the same one when there is nothing
 * to decode. Line breaks are dropped (MIME wraps base64 at 76 columns) and a space is read as
 * the `+` a form decoder made of it.
 */
function decoded(view: View, mode: keyof typeof escapes | "none"): View {
  const { text, from, to } = view;
  // Stryker disable next-line ConditionalExpression,StringLiteral: `escapes` has no key "none" (nor ""), so escapes[mode] is undefined for "none" the same
  const escape = mode === "none" ? undefined : escapes[mode];
  // Equivalent mutant: this condition made `false` (never the fast path) gives the same views: the
  // loop below decodes nothing here either, reads a space as "+" and drops line breaks, which only
  // "none" looks for (every other view is decoded from one that dropped them). It cannot be
  // disabled on its own: the same ConditionalExpression made `true` is killed.
  // Stryker disable next-line Regex: a fast path: the loop gives the same view for a text without line breaks; they differ only on a text of nothing but line breaks, which holds no token (visible characters)
  if (!(escape ? new RegExp(escape.pattern.source.slice(1), "i") : /[\r\n]/).test(text))
    // Nothing to decode, and a space becomes a "+" of the same length: the same places.
    return { text: text.replace(/ /g, "+"), from, to };
  let out = "";
  const outFrom: number[] = [];
  const outTo: number[] = [];
  for (let i = 0; i < text.length;) {
    let value = text[i]!;
    let next = i + 1;
    const match = escape?.starts.includes(value)
      ? escape.pattern.exec(text.slice(i, i + 12))
      : null;
    if (match) {
      const [whole, hex4, escaped, decimal, hex, name] = match;
      // NaN for a named or escaped character: NaN is not <= any number (ECMAScript IsLessThan).
      const code = hex4 || hex ? parseInt((hex4 ?? hex)!, 16) : decimal ? Number(decimal) : NaN;
      const read =
        code <= 0x10ffff
          ? String.fromCodePoint(code)
          : // Stryker disable next-line StringLiteral: `named` has no key for the replacement either, so the lookup is undefined the same
            (escaped ?? named[name?.toLowerCase() ?? ""]);
      if (read !== undefined) [value, next] = [read, i + whole.length];
    }
    if (value !== "\n" && value !== "\r")
      // By UTF-16 unit (not `for...of`, which walks code points): a view's indexes are `out`'s.
      for (const unit of (value === " " ? "+" : value).split("")) {
        out += unit;
        outFrom.push(from[i]!);
        outTo.push(to[next - 1]!);
      }
    i = next;
  }
  return { text: out, from: outFrom, to: outTo };
}

/**
 * The text as it stands, and decoded: escapes, percent, and both in either order or twice;
 * quoted-printable on its own.
 */
export function viewsOf(text: string): View[] {
  const at = Array.from({ length: text.length }, (_, i) => i);
  // A view that decodes nothing drops line breaks and reads spaces as "+" all the same.
  // Stryker disable next-line StringLiteral: `escapes` has no key "" either: decoding with "" is decoding with "none"
  const plain = decoded({ text, from: at, to: at.map((i) => i + 1) }, "none");
  const unescaped = decoded(plain, "text");
  const percent = decoded(plain, "percent");
  const twice = decoded(percent, "percent");
  const views = [
    plain,
    unescaped,
    percent,
    twice,
    decoded(percent, "text"),
    decoded(unescaped, "percent"),
    decoded(twice, "text"),
    decoded(plain, "printable"),
  ];
  // Most texts have nothing to decode: a view like one before it is searched once.
  // Stryker disable next-line MethodExpression,ConditionalExpression: a view searched twice finds the same spans again, which the merge skips (a saving only)
  return views.filter((view, i) => views.findIndex((other) => other.text === view.text) === i);
}
