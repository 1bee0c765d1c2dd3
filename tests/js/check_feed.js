#!/usr/bin/env node
// Read a feed siar wrote with podcast-partytime, the parser the Podcast
// Index uses, and compare every item with the catalogue.
//
// usage: node check_feed.js FEED LIST_JSON BASE_URL TAP_START
//        node check_feed.js --p20 FEED LIST_JSON PEOPLE_JSON SHOWS_JSON HOSTS
//                           TAP_START
// LIST_JSON is `siar list --json`. Prints TAP lines numbered from
// TAP_START + 1. With --p20, checks every Podcasting 2.0 tag partytime
// reads (see checkP20) for the one show of SHOWS_JSON (`siar show list
// --json`), whose hosts are HOSTS (comma-separated, in order); PEOPLE_JSON
// is `siar person list --json`.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { parseFeed } = require("podcast-partytime");

let n = 0;
function tap(ok, desc) {
  n += 1;
  console.log(`${ok ? "ok" : "not ok"} ${n} - partytime: ${desc}`);
}

// The public URL of a file published beside the feed, as siar makes it.
function fileUrl(base, file) {
  return base.replace(/\/+$/, "") + "/" +
    encodeURIComponent(path.basename(file)).replace(/[!'()*]/g,
      (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

// The Podcasting 2.0 podcast:guid of a feed URL: UUIDv5 of the URL
// without its scheme, in the namespace the spec gives.
function podcastGuid(url) {
  const ns = Buffer.from("ead4c236bf5858c6a2c6a6b28d128cb6", "hex");
  const name = Buffer.from(url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "")
    .replace(/\/+$/, ""), "utf8");
  const b = crypto.createHash("sha1").update(Buffer.concat([ns, name]))
    .digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20),
    h.slice(20)].join("-");
}

function sri(file) {
  return "sha256-" +
    crypto.createHash("sha256").update(fs.readFileSync(file)).digest("base64");
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// partytime names roles and groups as the taxonomy spells them ("Host",
// "Creative Direction"); siar writes them lowercase, which the namespace
// says is the same.
function people(list) {
  return (list || []).map((p) => ({
    name: p.name, role: (p.role || "").toLowerCase(),
    group: (p.group || "").toLowerCase(),
    ...(p.img ? { img: p.img } : {}), ...(p.href ? { href: p.href } : {}),
  }));
}

// partytime 5.0.0 reads neither podcast:updateFrequency nor podcast:image
// (only the deprecated podcast:images): test_pipeline_p20.sh checks those
// with xmllint, and this says so rather than counting a check.
function notRead(what, present) {
  if (!present) console.log(`# partytime does not read ${what}`);
  return present;
}

function checkP20(argv) {
  const [feedPath, listPath, peoplePath, showsPath, hostsArg, start] = argv;
  n = Number(start);
  const episodes = JSON.parse(fs.readFileSync(listPath, "utf8"));
  const byName = new Map(JSON.parse(fs.readFileSync(peoplePath, "utf8"))
    .map((p) => [p.name, p]));
  const show = JSON.parse(fs.readFileSync(showsPath, "utf8"))[0];
  const base = show.base_url.replace(/\/+$/, "");
  const url = (file) => fileUrl(base, file);
  const person = ([name, role, group]) => {
    const p = byName.get(name) || {};
    return { name, role, group, ...(p.photo ? { img: p.photo } : {}),
      ...(p.url ? { href: p.url } : {}) };
  };
  const hosts = hostsArg.split(",").map((h) => [h, "host", "cast"]);
  const key = (x) => x.join("\n");
  const live = episodes.filter((e) => e.status === "published")
    .sort((a, b) => (a.published < b.published ? 1 : -1));
  const feed = parseFeed(fs.readFileSync(feedPath, "utf8"));

  tap(feed !== null, "parses the Podcasting 2.0 feed");
  if (feed === null) return;
  const support = Object.values(feed.pc20support || {}).flat();
  for (const tag of ["guid", "medium", "locked", "person", "transcript",
    "chapters", "alternateEnclosure"])
    tap(support.includes(tag), `recognises podcast:${tag}`);
  tap(feed.guid === podcastGuid(base + "/feed.xml"),
    `podcast:guid ${feed.guid} is the UUIDv5 of the feed URL`);
  tap(feed.medium === show.medium, `podcast:medium ${feed.medium}`);
  tap(feed.locked === false && feed.podcastOwner === show.owner_email,
    `podcast:locked no, owner ${feed.podcastOwner}`);
  tap(same(people(feed.podcastPeople), hosts.map(person)),
    "channel podcast:person: the hosts, with link and photo where known");
  tap(feed.itunesImage === (show.image || url(show.image_path)),
    `itunes:image ${feed.itunesImage}`);
  if (notRead("podcast:updateFrequency", "updateFrequency" in feed))
    tap(false, "podcast:updateFrequency is now read: check its value here");
  tap(feed.items.length === live.length,
    `${feed.items.length} items for ${live.length} live episodes`);

  const byGuid = new Map(episodes.map((e) => [e.guid, e]));
  for (const item of feed.items) {
    const e = byGuid.get(item.guid);
    if (!e) {
      tap(false, `unknown guid ${item.guid}`);
      continue;
    }
    const label = `episode ${e.id}`;
    const own = e.guests.map((g) => [g, "guest", "cast"])
      .concat(e.people.map((p) => [p.name, p.role, p.group]));
    const ownKeys = new Set(own.map(key));
    const want = own.length ?
      hosts.filter((h) => !ownKeys.has(key(h))).concat(own).map(person) : [];
    tap(same(people(item.podcastPeople), want),
      `${label} podcast:person: ${want.map((p) => p.name).join(", ") ||
        "none (the channel's stand)"}`);
    // partytime gives SubRip (application/x-subrip) as "application/srt".
    const transcripts = e.transcripts.map((t) => ({
      url: url(t.path),
      type: t.mime === "application/x-subrip" ? "application/srt" : t.mime,
      language: t.language || show.language,
      ...(/^(text\/vtt|application\/x-subrip)$/.test(t.mime) ?
        { rel: "captions" } : {}),
    }));
    tap(same(item.podcastTranscripts || [], transcripts),
      `${label} podcast:transcript ×${transcripts.length}`);
    const chapters = e.chapters.length ?
      { url: `${base}/chapters/${e.guid}.json`,
        type: "application/json+chapters" } : undefined;
    tap(same(item.podcastChapters, chapters),
      `${label} podcast:chapters ${chapters ? chapters.url : "none"}`);
    const art = e.image ? url(e.image) : undefined;
    tap(item.itunesImage === art, `${label} itunes:image ${art}`);
    if (e.poster)
      notRead("podcast:image", "podcastImages" in item);
    const alts = e.renditions.length ? [{
      type: e.mime, length: e.size, default: true,
      source: [{ uri: url(e.file), contentType: e.mime }],
      integrity: { type: "sri", value: sri(e.file) },
    }].concat(e.renditions.map((r) => ({
      type: r.mime, length: r.size, default: false,
      source: [{ uri: url(r.path), contentType: r.mime }],
      integrity: { type: "sri", value: sri(r.path) },
      ...(r.title ? { title: r.title } : {}),
      ...(r.height ? { height: r.height } : {}),
    }))) : [];
    const got = (item.alternativeEnclosures || []).map((a) => ({
      type: a.type, length: a.length, default: a.default, source: a.source,
      integrity: a.integrity, ...(a.title ? { title: a.title } : {}),
      ...(a.height && a.type.startsWith("video/") && !a.default ?
        { height: a.height } : {}),
    }));
    tap(same(got, alts),
      `${label} ${alts.length} alternateEnclosures, the main file first and ` +
      "default, each with its source and the SRI of the file");
  }
}

if (process.argv[2] === "--p20") {
  checkP20(process.argv.slice(3));
  process.exit(0);
}

const [feedPath, listPath, baseUrl, start] = process.argv.slice(2);
n = Number(start);

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
