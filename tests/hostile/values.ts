import fc from "fast-check";

/**
 * Hostile form values for the bad-input test (tests/hostile-input.db.test.ts).
 * Strings starting with "@" are references resolved against the test's
 * database just before a request is sent (someone's goal, the version a
 * record has now), so a counterexample prints readably and stays meaningful.
 */

const fragments = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "</textarea><b>bold</b>",
  "javascript:alert(1)",
  "' OR 1=1 --",
  "'; DROP TABLE people; --",
  "\\",
  "$1",
  "%_",
  "{{7*7}}${7*7}",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "مرحبا بالعالم",
  "\u200B\u200C\u200D\uFEFF",
  "e\u0301\u0301\u0301",
  "👩‍👩‍👧‍👦",
  "𝕳𝖊𝖑𝖑𝖔",
  "\uD800",
  "x\uDFFFy",
  "\r\n\t",
  "\u0007\u001b[31m",
  "   ",
  "",
];

/** One of the fragments above, or random text of any unicode (astral and lone surrogates included). */
const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...fragments),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
  fc.string({ unit: fc.constantFrom("\u0000", "<", ">", "&", '"', "'", "\u202E", "\u200B"), maxLength: 12 }),
);

/** 100 KB and more, in one- to four-byte characters. */
const huge: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("x", "<", "é", "𝕏", "\u200B", " ", "\u0000"), fc.integer({ min: 100_001, max: 130_000 }))
  .map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

const numberLike = fc.constantFrom(
  "-1",
  "0",
  "1.5",
  "1e3",
  "1e309",
  "NaN",
  "Infinity",
  "-Infinity",
  "99999999999",
  "2147483648",
  "9007199254740993",
  "0x10",
  " 7 ",
  "+3",
  "٣",
  "",
  "true",
);
const dateLike = fc.constantFrom(
  "2026-02-30",
  "9999-12-31",
  "0000-00-00",
  "2026-13-01",
  "2026-1-1",
  "1999-12-31",
  "2026-06-01T10:00",
  "2026-06-01T25:61",
  "+275760-09-13",
  "today",
);

/** Anything at all: what a field of any kind may receive from a hostile client. */
export const anyValue: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: nasty, weight: 4 },
  { arbitrary: numberLike, weight: 2 },
  { arbitrary: dateLike, weight: 1 },
  { arbitrary: fc.constantFrom("@version", "@version-1", "@version+1"), weight: 1 },
  { arbitrary: huge, weight: 1 },
);

/**
 * Text that passes a length bound of `max` yet carries markup, SQL and odd
 * unicode (NUL, which no text column can hold, comes through anyValue).
 */
export function text(max: number): fc.Arbitrary<string> {
  const storable = nasty.map((s) => s.replaceAll("\u0000", ""));
  return fc
    .array(
      fc.oneof(
        { arbitrary: fc.constantFrom("Plan", "the offsite", "é", " "), weight: 2 },
        { arbitrary: storable, weight: 1 },
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((parts) => `T ${parts.join(" ")}`.slice(0, max));
}

export const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
export const oneOf = (...values: string[]) => fc.constantFrom(...values);
/** One of the values a form sends, now and then one it never does. */
export const mostly = (valid: string[], invalid: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 5 }, { arbitrary: fc.constantFrom(...invalid), weight: 1 });
export const bool = mostly(["on"], ["true", "false", "yes"]);
export const date = fc.constantFrom("2026-12-31", "2030-01-15", "2000-01-01", "2100-12-31");
const freshEmail = fc.integer({ min: 1, max: 1_000_000 }).map((n) => `fuzz${n}@test.rapport`);
/** Mostly an address nobody has yet; now and then someone's, or one in capitals and padded. */
export const email = fc.oneof(
  { arbitrary: freshEmail, weight: 5 },
  { arbitrary: fc.constantFrom("@email:manager", "@email:alice", "@email:victim"), weight: 1 },
  { arbitrary: freshEmail.map((e) => ` ${e.toUpperCase()} `), weight: 1 },
);
/**
 * An email for a CSV row. An import updates the people it names, so it may name a victim but never
 * the cast the other actions are tried as (moving Alice away from her manager would turn their runs
 * into 404s).
 */
export const csvEmail = fc.oneof(
  { arbitrary: freshEmail, weight: 5 },
  { arbitrary: fc.constant("@email:victim"), weight: 1 },
  { arbitrary: freshEmail.map((e) => ` ${e.toUpperCase()} `), weight: 1 },
);
/** A manager's email: mostly nobody or someone who is there; now and then nobody we know. */
export const managerEmail = fc.oneof(
  { arbitrary: fc.constantFrom("", "@email:manager"), weight: 5 },
  { arbitrary: fc.constantFrom("@email:alice", "@email:victim"), weight: 1 },
  { arbitrary: freshEmail, weight: 1 },
);

/** The version a record has now, a stale one, and versions no form ever sends. */
export const version = fc.oneof(
  { arbitrary: fc.constant("@version"), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      "@version-1",
      "@version+1",
      "0",
      "-1",
      "1.5",
      "1e9",
      "2147483648",
      "99999999999999999999",
      "NaN",
      "abc",
      "",
    ),
    weight: 3,
  },
);

/**
 * A record id: mostly the first named record (the one the route's actors may
 * touch), else someone else's, a random uuid, or something that only looks
 * like one.
 */
export function id(main: string, ...others: string[]): fc.Arbitrary<string> {
  const malformed = fc.oneof(
    fc.constantFrom(
      "not-a-uuid",
      "00000000-0000-0000-0000-000000000000",
      "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
      "{00000000-0000-4000-8000-000000000000}",
      "00000000000040008000000000000000",
      "00000000-0000-4000-8000-0000000000000",
      "00000000-0000-4000-8000-000000000000\u0000",
      " 00000000-0000-4000-8000-000000000000",
      "' OR 1=1 --",
      "1",
      "",
    ),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.uuid().map((u) => `${u}x`),
    nasty,
  );
  return fc.oneof(
    { arbitrary: fc.constant(main), weight: 10 },
    { arbitrary: fc.constantFrom(main, ...others), weight: 3 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: malformed, weight: 2 },
  );
}

/** Names a hostile client may add: prototype keys, deep paths, huge array indexes. */
export const extraName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "__proto__.polluted",
    "constructor.prototype.polluted",
    "entries[99999999].rating",
    "entries[1e400].rating",
    "entries[-1].rating",
    "a.b.c.d.e.f",
    "x[]",
    "intent[0]",
    "redirectTo",
    "__intent__",
    "id",
    "ownerId",
    "authorId",
    "subjectId",
    "personId",
    "status",
    "version",
  ),
  fc.string({ maxLength: 12 }),
);
