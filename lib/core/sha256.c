/* sha256.c: SHA-256, a document's identity, through OpenSSL (which uses the CPU's SHA instructions). */
#include <stdlib.h>

#include <openssl/evp.h>

#include "arc_core.h"

struct arc_sha256 {
	EVP_MD_CTX *ctx;
};

struct arc_sha256 *
arc_sha256_new(void)
{
	struct arc_sha256 *h = malloc(sizeof(*h));

	if (h == NULL)
		return NULL;
	if ((h->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
		arc_sha256_free(h);
		return NULL;
	}
	return h;
}

void
arc_sha256_free(struct arc_sha256 *h)
{
	if (h == NULL)
		return;
	EVP_MD_CTX_free(h->ctx);
	free(h);
}

void
arc_sha256_reset(struct arc_sha256 *h)
{
	EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL);
}

void
arc_sha256_update(struct arc_sha256 *h, const void *data, size_t len)
{
	EVP_DigestUpdate(h->ctx, data, len);
}

void
arc_sha256_hex(struct arc_sha256 *h, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	EVP_DigestFinal_ex(h->ctx, md, &n);
	for (unsigned int i = 0; i < 32; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	arc_sha256_reset(h);
}
