// libFuzzer target: the mount table parser and the stick filter on arbitrary bytes.
#include "platform/linux/removable_media.hpp"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kiosk::platform::removable_mounts(text, "/media", kiosk::platform::MountAccess::ReadOnlyToo);
    return 0;
}
