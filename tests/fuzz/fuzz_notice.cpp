// libFuzzer target: the urgent notice parser on arbitrary bytes.
#include "notice/notice.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    (void)kiosk::Notice::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
