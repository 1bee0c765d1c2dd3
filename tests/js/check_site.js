// Reads a site built by 'siar build' in headless Chromium (Debian's, driven
// by playwright-core) the way a visitor would, and prints TAP lines.
//
// Usage: node check_site.js BASE_URL EXPECT_JSON SHOTS_DIR FIRST_TEST_NUMBER
//
// BASE_URL serves the site's folder. EXPECT_JSON (written by
// tests/e2e/test_site.sh) names the pages to visit and what they must
// show. Screenshots go to SHOTS_DIR.
"use strict";

const fs = require("fs");
const path = require("path");
const os = require("os");
const { chromium } = require("playwright-core");

const [base, expectPath, shots, first] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(expectPath, "utf8"));
let n = Number(first || 1) - 1;

function ok(cond, desc, detail) {
	n++;
	if (cond) {
		console.log(`ok ${n} - ${desc}`);
	} else {
		console.log(`not ok ${n} - ${desc}`);
		if (detail !== undefined)
			console.log(`# ${String(detail).split("\n").join("\n# ")}`);
	}
}

// A browser of its own for each set of options, with a fresh profile
// (playwright-core passes it as --user-data-dir).
async function open(options) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), "siar-chromium-"));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: "/usr/bin/chromium",
		headless: true,
		args: [
			"--headless", "--no-sandbox", "--disable-gpu",
			"--disable-quic", "--no-first-run",
			"--disable-background-networking",
			"--disable-component-update", "--disable-sync",
		],
		...options,
	});
	return {
		context,
		close: async () => {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

// Every page: no script of a hostile title may run.
function watchDialogs(page, seen) {
	page.on("dialog", async (d) => {
		seen.push(d.message());
		await d.dismiss();
	});
}

async function noOverflow(page) {
	return page.evaluate(() =>
		document.documentElement.scrollWidth <=
		document.documentElement.clientWidth);
}

async function checkHome(page) {
	await page.goto(base + "index.html");
	const shows = await page.locator(".show-card").count();
	ok(shows === expect.shows.length,
		`home page lists the ${expect.shows.length} shows`, `found ${shows}`);
	const lang = await page.getAttribute("html", "lang");
	ok(lang === expect.lang, `home page says lang="${expect.lang}"`, lang);
	await page.screenshot({ path: path.join(shots, "home.png"), fullPage: true });
	const skip = await page.locator("a.skip-link[href='#main']").count();
	ok(skip === 1 && await page.locator("main#main").count() === 1 &&
		await page.locator("header nav[aria-label]").count() === 1,
		"home page has a skip link, a labelled nav and a main landmark");
	await page.keyboard.press("Tab");
	const focused = await page.evaluate(() => document.activeElement.className);
	ok(focused === "skip-link", "the first Tab focuses the skip link", focused);
}

async function checkShow(page) {
	const show = expect.show;
	await page.goto(base + show.slug + "/index.html");
	const players = page.locator("article.episode audio, article.episode video");
	const count = await players.count();
	ok(count === Math.min(20, show.episodes),
		`show page has a player for each of its first episodes`,
		`found ${count}`);
	const preload = await players.evaluateAll((els) =>
		els.every((e) => e.getAttribute("preload") === "none" && e.controls));
	ok(preload, "every player has controls and preload=none");
	const rss = await page.locator("link[rel=alternate][type='application/rss+xml']").getAttribute("href");
	const json = await page.locator("link[rel=alternate][type='application/feed+json']").getAttribute("href");
	ok(rss === "feed.xml" && json === "feed.json",
		"show page links its RSS and JSON feeds as alternates");
	const og = await page.locator("meta[property='og:title']").getAttribute("content");
	ok(og === show.title, "show page has its Open Graph title", og);
	const dates = await page.locator("article.episode time[datetime]").first().getAttribute("datetime");
	ok(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/.test(dates || ""),
		"episode dates carry an RFC 3339 datetime", dates);
	await page.screenshot({ path: path.join(shots, "show.png") });
	await page.screenshot({ path: path.join(shots, "show-full.png"), fullPage: true });
	if (show.episodes > 20) {
		await page.click("nav.pager a[rel=next]");
		await page.waitForURL(/page-2\.html$/);
		const more = await page.locator("article.episode").count();
		ok(more === Math.min(20, show.episodes - 20),
			"the pager's next link leads to the second page",
			`found ${more}`);
	}
}

async function checkEpisode(page) {
	const ep = expect.episode;
	await page.goto(base + ep.page);
	const text = await page.locator("main").innerText();
	for (const g of ep.guests)
		ok(text.includes(g), `episode page names guest ${g}`);
	for (const o of ep.organisations)
		ok(text.includes(o), `episode page gives the organisation ${o}`);
	for (const t of ep.topics)
		ok(await page.locator(`ul.tags a.tag:text-is("${t}")`).count() === 1,
			`episode page links topic ${t}`);
	ok(text.includes(ep.transcript_line),
		"episode page shows the transcript inline");
	const player = page.locator("#player");
	ok(await player.count() === 1, "episode page has its player");
	const links = page.locator("ol.chapters a[data-seek]");
	ok(await links.count() === ep.chapters,
		`episode page lists ${ep.chapters} chapters`);
	const href = await links.nth(1).getAttribute("href");
	ok(/#t=\d+(\.\d+)?$/.test(href || ""),
		"a chapter link is a media fragment link without JavaScript", href);
	const seek = Number(await links.nth(1).getAttribute("data-seek"));
	await links.nth(1).click();
	let time = 0;
	try {
		await page.waitForFunction((t) => {
			const p = document.getElementById("player");
			return p && p.currentTime >= t - 0.5;
		}, seek, { timeout: 10000 });
		time = await player.evaluate((p) => p.currentTime);
	} catch (e) {
		time = await player.evaluate((p) => p.currentTime);
	}
	ok(time >= seek - 0.5, `clicking a chapter seeks the player to ${seek} s`,
		`currentTime ${time}`);
	ok(page.url().endsWith(ep.page), "the click stays on the page");
	await player.evaluate((p) => p.pause());
	await page.screenshot({ path: path.join(shots, "episode.png"), fullPage: true });
}

async function checkNoScript() {
	const { context, close } = await open({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(base + expect.episode.page);
	const href = await page.locator("ol.chapters a").first().getAttribute("href");
	ok(await page.locator("#player").count() === 1 && /#t=/.test(href || ""),
		"without JavaScript the player and chapter links are there");
	await close();
}

async function checkHostile(page, dialogs) {
	const h = expect.hostile;
	await page.goto(base + h.page);
	await page.waitForTimeout(300);
	const title = await page.locator("h1").innerText();
	ok(title === h.title, "the hostile title shows as literal text", title);
	await page.goto(base + h.show_page);
	const text = await page.locator("main").innerText();
	ok(text.includes(h.title), "the show page shows the hostile title as text");
	await page.goto(base + "index.html");
	await page.waitForTimeout(300);
	ok(dialogs.length === 0, "no script from a title ran", dialogs.join(", "));
}

async function checkEmbed(page) {
	await page.goto(base + expect.embed);
	const items = await page.locator("main ol > li").count();
	ok(items === Math.min(10, expect.show.episodes),
		"the embed page lists the latest episodes", `found ${items}`);
	const players = await page.locator("audio, video").count();
	ok(players === items, "each embedded episode has a player");
	const links = await page.locator("a[target]").evaluateAll((els) =>
		els.every((a) => a.target === "_blank" && /noopener/.test(a.rel)));
	ok(links, "embed links open a new tab with rel=noopener");
	const outside = await page.evaluate(() =>
		[...document.querySelectorAll("link[href], script[src], img[src]")]
			.map((e) => e.getAttribute("href") || e.getAttribute("src")));
	ok(outside.length === 0, "the embed page loads nothing else", outside.join(" "));
	await page.setViewportSize({ width: 390, height: 600 });
	await page.screenshot({ path: path.join(shots, "embed.png"), fullPage: true });
}

async function checkPhone() {
	const { context, close } = await open({
		viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
		isMobile: true, hasTouch: true,
	});
	const page = await context.newPage();
	for (const [name, url] of expect.phone_pages) {
		await page.goto(base + url);
		ok(await noOverflow(page), `${name} does not overflow at 390 px`);
		await page.screenshot({
			path: path.join(shots, `phone-${name}.png`), fullPage: true,
		});
	}
	await close();
}

(async () => {
	const dialogs = [];
	let main = null;
	try {
		main = await open({ viewport: { width: 1280, height: 900 } });
		const page = await main.context.newPage();
		watchDialogs(page, dialogs);
		await checkHome(page);
		await checkShow(page);
		await checkEpisode(page);
		await checkHostile(page, dialogs);
		await checkEmbed(page);
		await main.close();
		main = null;
		await checkNoScript();
		await checkPhone();
	} catch (e) {
		ok(false, "the browser checks ran to the end", e.stack);
	} finally {
		if (main)
			await main.close();
	}
})();
