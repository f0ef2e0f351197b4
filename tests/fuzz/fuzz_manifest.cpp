// libFuzzer target: the pack manifest parser on arbitrary bytes.
#include "pack/manifest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    (void)kiosk::Manifest::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
