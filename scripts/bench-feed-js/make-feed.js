// make-feed.js DUMP.json OUT.xml: the feed `siar feed` writes, written
// with the npm podcast package (exactly 2.0.1, see package-lock.json)
// instead, for scripts/bench-feed to time.
//
// DUMP.json comes from scripts/bench-feed-dump.py. The package's own
// options carry what it knows (itunes:* channel and item tags, the
// enclosure, guid, pubDate, a category per topic); the rest of siar's
// elements (podcast:guid, medium, locked, person, season, episode) go in
// through its customElements, as its README shows. Output is indented
// like siar's. What the package does on its own stays: it adds
// itunes:summary beside each description, wraps text in CDATA, writes
// dates in GMT, and dates lastBuildDate from the clock. buildXml() makes
// the whole document as one string, which is how the package works.
// Reading the JSON counts in the time, as siar's reading of its catalogue
// does.
"use strict";

const fs = require("fs");
const { Podcast } = require("podcast");

function durationSeconds(ms) {
  // feed/feed.c: whole seconds, half up; a non-zero duration is never 0.
  const s = Math.floor(ms / 1000) + (ms % 1000 >= 500 ? 1 : 0);
  return s === 0 && ms > 0 ? 1 : s;
}

function channelElements(show) {
  // The package writes itunes:image only; siar writes RSS's <image> too.
  const els = show.image
    ? [{ image: [{ url: show.image }, { title: show.title },
      { link: show.link }] }]
    : [];
  els.push(
    { "podcast:guid": show.feed_guid },
    { "podcast:medium": show.medium || "podcast" },
  );
  if (show.owner_email) {
    els.push({
      "podcast:locked": [{ _attr: { owner: show.owner_email } }, "no"],
    });
  }
  els.push({
    "podcast:updateFrequency": [{ _attr: { rrule: show.update_rrule } },
      show.update_label],
  });
  return els;
}

// The description as siar's content:encoded has it: one paragraph.
function paragraph(text) {
  return "<p>" + text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;") + "</p>";
}

function itemElements(ep) {
  const els = [];
  if (ep.description) {
    els.push({ "content:encoded": { _cdata: paragraph(ep.description) } });
  }
  if (ep.season > 0) els.push({ "podcast:season": ep.season });
  if (ep.episode > 0) els.push({ "podcast:episode": ep.episode });
  for (const name of ep.guests) {
    els.push({
      "podcast:person": [{ _attr: { role: "guest", group: "cast" } }, name],
    });
  }
  for (const c of ep.credits) {
    els.push({
      "podcast:person": [{ _attr: { role: c.role, group: c.group } }, c.name],
    });
  }
  return els;
}

function main() {
  if (process.argv.length !== 4) {
    process.stderr.write("usage: node make-feed.js DUMP.json OUT.xml\n");
    process.exit(2);
  }
  const data = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const show = data.show;
  const category = show.category
    ? [{ text: show.category, subcats: show.subcategory
        ? [{ text: show.subcategory }] : undefined }]
    : undefined;
  const feed = new Podcast({
    title: show.title,
    description: show.description,
    siteUrl: show.link,
    feedUrl: show.feed_url,
    imageUrl: show.image || undefined,
    language: show.language,
    copyright: show.copyright || undefined,
    generator: "podcast for Node",
    itunesAuthor: show.author,
    itunesOwner: { name: show.owner_name || "", email: show.owner_email || "" },
    itunesExplicit: show.explicit,
    itunesCategory: category,
    itunesType: show.show_type || "episodic",
    namespaces: { simpleChapters: false },
    customNamespaces: { content: "http://purl.org/rss/1.0/modules/content/" },
    customElements: channelElements(show),
  });
  for (const ep of data.episodes) {
    feed.addItem({
      title: ep.title,
      description: ep.description,
      guid: ep.guid,
      date: new Date(ep.published_unix * 1000),
      enclosure: {
        url: ep.enclosure_url,
        size: ep.enclosure_length,
        type: ep.enclosure_type,
      },
      categories: ep.topics,
      itunesDuration: ep.duration_ms > 0
        ? String(durationSeconds(ep.duration_ms)) : undefined,
      itunesEpisodeType: ep.episode_type,
      itunesSeason: ep.season > 0 ? ep.season : undefined,
      itunesEpisode: ep.episode > 0 ? ep.episode : undefined,
      itunesExplicit: show.explicit || ep.explicit,
      customElements: itemElements(ep),
    });
  }
  fs.writeFileSync(process.argv[3], feed.buildXml({ indent: "  " }));
}

main();
