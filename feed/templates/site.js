/*
 * siar: progressive enhancement for chapter and transcript links. Without
 * this script each link opens the media file at its time (#t=SECONDS);
 * with it, the link seeks the page's player instead and plays from there.
 */
(function () {
	"use strict";
	document.addEventListener("click", function (event) {
		var link = event.target.closest && event.target.closest("a[data-seek]");
		var player = document.getElementById("player");
		var time;

		if (!link || !player || event.button !== 0 || event.ctrlKey ||
		    event.metaKey || event.shiftKey || event.altKey)
			return;
		time = parseFloat(link.getAttribute("data-seek"));
		if (!isFinite(time))
			return;
		event.preventDefault();
		function seek() {
			player.currentTime = time;
			var played = player.play();
			if (played && played.catch)
				played.catch(function () {});
		}
		if (player.readyState >= 1) {
			seek();
		} else {
			player.addEventListener("loadedmetadata", seek, { once: true });
			player.preload = "metadata";
			player.load();
		}
		player.focus();
	});
})();
