// libFuzzer target: the JPEG segment and PNG chunk walker (orientation and metadata stripping).
#include "media/image_metadata.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)content_tool::read_image_metadata(bytes);
    (void)content_tool::strip_image_metadata(bytes);
    return 0;
}
