// gzip (RFC 1952) decoding with stb_image's inflate: no zlib needed, the same natively and in wasm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ganvas {

bool looks_gzipped(const std::uint8_t* data, std::size_t size);

// Validates the header, inflates, and checks the trailer's length (ISIZE) and CRC-32. `name` is used
// in error messages (DataError). Refuses output larger than `max_output_bytes`.
std::vector<std::uint8_t> gunzip(const std::uint8_t* data, std::size_t size, const std::string& name,
                                 std::size_t max_output_bytes = 512u << 20);

}  // namespace ganvas
