// OpenSSL's libcrypto, for SHA-256 only. The one-shot SHA256_CTX functions are kept in OpenSSL 3 but
// marked deprecated in favour of EVP; their context is a plain struct, so a hasher copies as a value.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
