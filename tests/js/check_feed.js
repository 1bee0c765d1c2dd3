#!/usr/bin/env node
// Read a feed siar wrote with podcast-partytime, the parser the Podcast
// Index uses, and compare every item with the catalogue.
//
// usage: node check_feed.js FEED LIST_JSON BASE_URL TAP_START
// LIST_JSON is `siar list --json`. Prints TAP lines numbered from
// TAP_START + 1.
"use strict";
const fs = require("fs");
const { parseFeed } = require("podcast-partytime");

const [feedPath, listPath, baseUrl, start] = process.argv.slice(2);
let n = Number(start);
function tap(ok, desc) {
  n += 1;
  console.log(`${ok ? "ok" : "not ok"} ${n} - partytime: ${desc}`);
}

const episodes = JSON.parse(fs.readFileSync(listPath, "utf8"));
const live = episodes
  .filter((e) => e.status === "published" && !e.published.startsWith("2099"))
  .sort((a, b) => (a.published < b.published ? 1 : -1));
const feed = parseFeed(fs.readFileSync(feedPath, "utf8"));

tap(feed !== null, "parses the feed");
if (feed === null) process.exit(0);
tap(feed.title === "Podcast KPU Kabupaten Grobogan", `title ${feed.title}`);
tap(feed.language === "id", `language ${feed.language}`);
tap(feed.itunesCategory && feed.itunesCategory[0] === "Government",
  "itunes:category Government");
tap(feed.items.length === live.length,
  `${feed.items.length} items for ${live.length} live episodes`);
tap(JSON.stringify(feed.items.map((x) => x.guid)) ===
  JSON.stringify(live.map((e) => e.guid)), "items newest first");

const byGuid = new Map(episodes.map((e) => [e.guid, e]));
for (const item of feed.items) {
  const e = byGuid.get(item.guid);
  if (!e) {
    tap(false, `unknown guid ${item.guid}`);
    continue;
  }
  const name = e.file.split("/").pop();
  const url = baseUrl.replace(/\/+$/, "") + "/" +
    encodeURIComponent(name).replace(/[!'()*]/g,
      (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  const label = `episode ${e.id} (${name})`;
  tap(item.title === e.title, `${label} title`);
  tap(item.enclosure.url === url, `${label} enclosure url ${item.enclosure.url}`);
  tap(item.enclosure.length === e.size, `${label} enclosure length`);
  tap(item.enclosure.type === e.mime, `${label} enclosure type ${item.enclosure.type}`);
  tap(Math.abs(item.duration - e.duration) <= 1,
    `${label} duration ${item.duration} s vs ${e.duration} s`);
  tap(item.pubDate.getTime() === Date.parse(e.published),
    `${label} pubDate ${item.pubDate.toISOString()}`);
  const people = (item.podcastPeople || []).map((p) => p.name);
  tap(JSON.stringify(people) === JSON.stringify(e.guests),
    `${label} podcast:person guests`);
}
