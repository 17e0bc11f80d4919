// CRC-32 (IEEE 802.3, the one of gzip, PNG and zip).
#pragma once

#include <cstddef>
#include <cstdint>

namespace ganvas {

std::uint32_t crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);

}  // namespace ganvas
