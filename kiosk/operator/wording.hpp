// Words the operator screen shares between messages: durations and sizes, in Vietnamese and English.
#pragma once

#include <cstdint>
#include <string>

namespace kiosk {

// The two largest units that matter: "3 ngày 4 giờ", "5 giờ 12 phút", "14 phút 20 giây", "45 giây".
std::string duration_vi(std::int64_t seconds);
// The same in English: "3 days 4 h", "5 h 12 min", "14 min 20 s", "45 s".
std::string duration_en(std::int64_t seconds);
// Both, as the operator screen shows them: "3 ngày 4 giờ / 3 days 4 h".
std::string duration_both(std::int64_t seconds);

// A size in bytes as GB with one decimal from 1 GB up, else whole MB (1 GB = 10^9 bytes, as sticks and
// disks are sold): "28.6 GB", "512 MB", "0 MB". The decimal point is a '.' in both languages.
std::string size_text(std::uint64_t bytes);

} // namespace kiosk
