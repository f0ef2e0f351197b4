// libFuzzer target: opening and verifying an arbitrary file as a pack, with a fixed trusted key.
#include "pack/pack_file.hpp"

#include <fstream>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    static const kiosk::TrustedKeys keys = [] {
        kiosk::TrustedKeys k;
        k.add(kiosk::generate_key().public_key());
        return k;
    }();
    static const std::string path = "/tmp/fuzz-pack-" + std::to_string(::getpid()) + ".kpack";
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    (void)kiosk::verify_pack_file(path, keys);
    if (auto reader = kiosk::PackReader::open(path); reader.ok())
        (void)reader->parse_unverified_manifest();
    return 0;
}
