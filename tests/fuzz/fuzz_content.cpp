// libFuzzer target: the content document parser on arbitrary bytes.
#include "content/content.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    (void)kiosk::Content::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
