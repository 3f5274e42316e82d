// Parses one feed (RSS 2.0, Atom 1.0 or JSON Feed) read from standard input with
// @extractus/feed-extractor, a parser that shares no code with Gazette, and prints what it
// understood as JSON: the feed's title and link, and each entry's id, title, link, date and
// author. (Its one date per entry, "published", is Atom's <updated> when there is one.)
//
//   node parse-feed.mjs < feed.xml
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const input = Buffer.concat(chunks).toString('utf8')

// An XML element parsed with attributes (such as its own xmlns) is an object holding its text.
const text = (value) => (value === null || value === undefined || typeof value !== 'object')
  ? (value ?? null)
  : text(value['#text'] ?? value.name ?? null)

const options = {
  descriptionMaxLen: 0,
  // The normalised entry has no author; keep whichever the format names it by.
  getExtraEntryFields: (entry) => ({
    author: text(entry['dc:creator'] ?? entry.author ?? entry.authors?.[0] ?? null),
  }),
}
try {
  const feed = input.trimStart().startsWith('{')
    ? extractFromJson(JSON.parse(input), options)
    : extractFromXml(input, options)
  process.stdout.write(JSON.stringify(feed))
} catch (error) {
  process.stderr.write(`parse-feed: ${error.message}\n`)
  process.exit(1)
}
