/*
 * siar publish: make an episode public now, or schedule it for a wall-clock
 * time in its show's time zone. The review step itself, its log entry and
 * the printed line are the shared runner's (cli/cmd_review.c).
 */
#include "cli.h"

static const char usage[] =
	"publish [--at \"YYYY-MM-DD HH:MM\"] [--by NAME] [--note TEXT]\n"
	"       [--json] ID";

static const char help[] =
	"Publish episode ID now, or at a time given in the show's time zone\n"
	"(default Asia/Jakarta). A future time schedules it: it enters the "
	"feed\nwhen that time has come. In a show that requires review (the "
	"default)\nonly an approved episode can be published; an unpublished "
	"one can be\npublished again, and publishing a published one moves its "
	"time.\nPrints \"episode ID 'TITLE': FROM -> published (at TIME)\", or "
	"\"(scheduled\nfor TIME)\".\n\n"
	"  --at TIME          \"YYYY-MM-DD HH:MM\" in the show's time zone\n"
	"  --by NAME          who publishes, for the log (default: "
	"$SIAR_USER, else\n"
	"                     the login name)\n"
	"  --note TEXT        a note for the log\n"
	"  --json             print the episode as JSON afterwards\n";

int cmd_publish(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_act_main(ctx, argc, argv, CATALOG_ACTION_PUBLISH, usage,
			    help);
}
