/* ac.c: Aho-Corasick automaton: every keyword of every rule found in one pass over the text. */
#include <stdlib.h>
#include <string.h>

#include "tag_internal.h"

/*
 * Keywords are collected first, then compiled.  States are numbered from 0
 * (the root); the transition table is complete (failure links folded in),
 * so matching costs one lookup per byte of text.  Bytes that occur in no
 * keyword share class 0: a row holds one entry per distinct keyword byte,
 * plus one, which keeps the table small enough for the cache.
 */
struct keyword {
	char *bytes;
	size_t len;
	int id;
};

struct arc_ac {
	struct keyword *keys;
	int nkeys;
	size_t cap_keys;

	unsigned char byte_class[256];
	int nclasses;
	int32_t *next;          /* nstates x nclasses */
	int32_t *out;           /* per state: first keyword ending there, -1 */
	int32_t *out_link;      /* per state: next state by failure with an
	                         * output, -1 */
	int32_t *key_next;      /* per keyword: next keyword on the same
	                         * state */
	int nstates;
	size_t cap_states;
};

struct arc_ac *
arc_ac_new(void)
{
	return calloc(1, sizeof(struct arc_ac));
}

void
arc_ac_free(struct arc_ac *ac)
{
	if (ac == NULL)
		return;
	for (int i = 0; i < ac->nkeys; i++)
		free(ac->keys[i].bytes);
	free(ac->keys);
	free(ac->next);
	free(ac->out);
	free(ac->out_link);
	free(ac->key_next);
	free(ac);
}

int
arc_ac_add(struct arc_ac *ac, const char *bytes, size_t len, int id)
{
	if (len == 0)
		return ARC_ERR;
	if (arc_grow(&ac->keys, &ac->cap_keys, (size_t)ac->nkeys, 1,
	    sizeof(*ac->keys)) != ARC_OK)
		return ARC_FATAL;
	if ((ac->keys[ac->nkeys].bytes = malloc(len)) == NULL)
		return ARC_FATAL;
	memcpy(ac->keys[ac->nkeys].bytes, bytes, len);
	ac->keys[ac->nkeys].len = len;
	ac->keys[ac->nkeys].id = id;
	ac->nkeys++;
	return ARC_OK;
}

static int32_t
new_state(struct arc_ac *ac)
{
	size_t rows = ac->cap_states, outs = ac->cap_states;

	/* Two arrays of one length, grown alike: next by rows of nclasses. */
	if (arc_grow(&ac->next, &rows, (size_t)ac->nstates, 1,
	    (size_t)ac->nclasses * sizeof(*ac->next)) != ARC_OK ||
	    arc_grow(&ac->out, &outs, (size_t)ac->nstates, 1,
	    sizeof(*ac->out)) != ARC_OK)
		return -1;
	ac->cap_states = rows < outs ? rows : outs;
	/* 0 in a row means "no edge yet": the root is never a child. */
	memset(ac->next + (size_t)ac->nstates * (size_t)ac->nclasses, 0,
	    (size_t)ac->nclasses * sizeof(int32_t));
	ac->out[ac->nstates] = -1;
	return ac->nstates++;
}

int
arc_ac_compile(struct arc_ac *ac)
{
	int32_t *queue = NULL, *fail = NULL;
	int c, i, head = 0, tail = 0, st = ARC_FATAL;

	/* Byte classes. */
	memset(ac->byte_class, 0, sizeof(ac->byte_class));
	ac->nclasses = 1;
	for (i = 0; i < ac->nkeys; i++)
		for (size_t j = 0; j < ac->keys[i].len; j++) {
			unsigned char b = (unsigned char)ac->keys[i].bytes[j];
			if (ac->byte_class[b] == 0)
				ac->byte_class[b] =
				    (unsigned char)ac->nclasses++;
		}
	if ((ac->key_next = malloc((size_t)(ac->nkeys + 1) *
	    sizeof(int32_t))) == NULL || new_state(ac) < 0)
		return ARC_FATAL;

	/* The trie. */
	for (i = 0; i < ac->nkeys; i++) {
		int32_t s = 0;
		for (size_t j = 0; j < ac->keys[i].len; j++) {
			c = ac->byte_class[(unsigned char)ac->keys[i].bytes[j]];
			int32_t *slot = &ac->next[(size_t)s * ac->nclasses + c];
			if (*slot == 0) {
				int32_t t = new_state(ac);
				if (t < 0)
					return ARC_FATAL;
				/* new_state may have moved the table. */
				slot = &ac->next[(size_t)s * ac->nclasses + c];
				*slot = t;
			}
			s = *slot;
		}
		ac->key_next[i] = ac->out[s];
		ac->out[s] = i;
	}

	/* Failure links, breadth first, folded into the table. */
	queue = malloc((size_t)ac->nstates * sizeof(*queue));
	fail = calloc((size_t)ac->nstates, sizeof(*fail));
	ac->out_link = malloc((size_t)ac->nstates * sizeof(int32_t));
	if (queue == NULL || fail == NULL || ac->out_link == NULL)
		goto out;
	ac->out_link[0] = -1;
	for (c = 0; c < ac->nclasses; c++) {
		int32_t t = ac->next[c];
		if (t != 0) {
			fail[t] = 0;
			ac->out_link[t] = -1;
			queue[tail++] = t;
		}
	}
	while (head < tail) {
		int32_t s = queue[head++];
		for (c = 0; c < ac->nclasses; c++) {
			int32_t *slot = &ac->next[(size_t)s * ac->nclasses + c];
			int32_t f =
			    ac->next[(size_t)fail[s] * ac->nclasses + c];
			if (*slot == 0) {
				*slot = f;
				continue;
			}
			fail[*slot] = f;
			ac->out_link[*slot] = ac->out[f] >= 0 ? f :
			    ac->out_link[f];
			queue[tail++] = *slot;
		}
	}
	st = ARC_OK;
out:
	free(queue);
	free(fail);
	return st;
}

int
arc_ac_scan(const struct arc_ac *ac, const char *text, size_t len,
    arc_ac_hit_fn hit, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
	const int32_t *next = ac->next;
	const int32_t *out = ac->out, *link = ac->out_link;
	size_t nc = (size_t)ac->nclasses;
	int32_t s = 0;

	if (ac->nkeys == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		s = next[(size_t)s * nc + ac->byte_class[p[i]]];
		if (out[s] < 0 && link[s] < 0)
			continue;
		for (int32_t o = out[s] >= 0 ? s : link[s]; o >= 0;
		    o = link[o]) {
			for (int32_t k = out[o]; k >= 0; k = ac->key_next[k]) {
				const struct keyword *kw = &ac->keys[k];
				if (hit(ctx, kw->id, i + 1 - kw->len, i + 1))
					return 1;
			}
		}
	}
	return 0;
}
