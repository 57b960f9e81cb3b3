/*
 * An older build of libcrossings.so, for cmd/measure: the same symbols as
 * rust/include/crossings.h declares, and another ABI version. Put beside the
 * shipped binary it is found first and loads; Init's ABI check refuses it.
 */
#include <stddef.h>
#include <stdint.h>

uint32_t crossings_abi_version(void) { return 0; }
int32_t crossings_init(void) { return 0; }
void crossings_shutdown(void) {}
int32_t crossings_adler32(const uint8_t *data, size_t len, uint32_t *out) {
  (void)data;
  (void)len;
  *out = 0;
  return 0;
}
int32_t crossings_noop(void) { return 0; }
int32_t crossings_fail(uint32_t how) {
  (void)how;
  return 0;
}
