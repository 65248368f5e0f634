/* date.c: dates as people write and read them. */
#include <stdio.h>

#include "arc_core.h"
#include "arc_i18n.h"

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"),
	N_("October"), N_("November"), N_("December"),
};

const char *
arc_date_long(const char *iso, char *buf, size_t size)
{
	int y, m, d, n = 0;

	/* YYYY-MM-DD, YYYY-MM or YYYY; anything else is shown as it is. */
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    iso[n] == '\0' && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		snprintf(buf, size, "%d %s %d", d, _(month_names[m - 1]), y);
	else if (sscanf(iso, "%4d-%2d%n", &y, &m, &n) == 2 &&
	    iso[n] == '\0' && m >= 1 && m <= 12)
		snprintf(buf, size, "%s %d", _(month_names[m - 1]), y);
	else
		snprintf(buf, size, "%s", iso);
	return buf;
}
