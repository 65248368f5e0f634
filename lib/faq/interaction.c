/* interaction.c: the record of one chatbot interaction, made by faqbot and read back by arc-index, in one place. */
#include <string.h>

#include "arc_faq.h"

static json_t *
alternatives(const struct arc_interaction *in)
{
	json_t *list = json_array();

	for (int i = 0; list != NULL && i < in->nalt; i++)
		json_array_append_new(list, json_pack("{s:s, s:f, s:s}",
		    "id", in->alt[i].id, "score", in->alt[i].score,
		    "q", in->alt[i].q));
	return list;
}

static json_t *
number_or_null(int has, double v)
{
	return has ? json_real(v) : json_null();
}

json_t *
arc_interaction_record(const struct arc_interaction *in)
{
	return json_pack("{s:s, s:s?, s:s, s:o, s:o, s:s, s:o, s:s, s:s, s:s}",
	    "q", in->q,
	    "id", in->id,
	    "answer", in->answer,
	    "score", number_or_null(in->has_score, in->score),
	    "margin", number_or_null(in->has_margin, in->margin),
	    "status", in->status,
	    "alternatives", alternatives(in),
	    "lang", in->lang,
	    "time", in->time,
	    "session", in->session);
}

static const char *
text_of(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int
arc_interaction_parse(const json_t *rec, struct arc_interaction *out)
{
	const json_t *score, *margin, *alt, *a;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->q = text_of(rec, "q");
	out->status = text_of(rec, "status");
	out->time = text_of(rec, "time");
	out->session = text_of(rec, "session");
	if (out->q == NULL || out->status == NULL || out->time == NULL ||
	    out->session == NULL)
		return 0;
	out->id = text_of(rec, "id");
	out->lang = text_of(rec, "lang");
	out->answer = text_of(rec, "answer");
	score = json_object_get(rec, "score");
	margin = json_object_get(rec, "margin");
	if ((out->has_score = json_is_number(score)))
		out->score = json_number_value(score);
	if ((out->has_margin = json_is_number(margin)))
		out->margin = json_number_value(margin);
	alt = json_object_get(rec, "alternatives");
	json_array_foreach(alt, i, a) {
		if (out->nalt == ARC_FAQ_TOP)
			break;
		struct arc_interaction_alt *to = &out->alt[out->nalt];
		to->id = text_of(a, "id");
		to->q = text_of(a, "q");
		to->score = json_number_value(json_object_get(a, "score"));
		if (to->id != NULL && to->q != NULL)
			out->nalt++;
	}
	return 1;
}
