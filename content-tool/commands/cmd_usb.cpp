// content-tool usb PACK DEST: prepares a USB stick (or a folder to copy onto one) for a station without a
// network: the pack checked, then copied with the notices and key files into DEST/kiosk/, each file written
// under a temporary name, synced and renamed, and a short guide for the operator beside them.
#include "commands/arguments.hpp"
#include "commands/commands.hpp"
#include "crypto/sealed.hpp"
#include "keys/key_documents.hpp"
#include "commands/progress_bar.hpp"
#include "commands/signer_check.hpp"
#include "notice/notice.hpp"
#include "pack/pack_file.hpp"
#include "platform/linux/files.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace content_tool {

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "usage: content-tool usb PACK DEST [--public-key NAME.pub]... [--notice FILE.notice]... "
    "[--key-file FILE.kcert|FILE.krevoke]...\n"
    "  DEST is the stick's folder (e.g. /media/$USER/STICK); the files go to DEST/kiosk/.\n"
    "  With --public-key the pack and notices must be signed by one of the keys (recommended); without it\n"
    "  only their form and the pack's object hashes are checked.";

constexpr std::uint64_t kKeyFileCap = 1 << 20;

const char kGuide[] =
    "HƯỚNG DẪN CÀI NỘI DUNG TỪ USB / INSTALLING CONTENT FROM A USB STICK\n"
    "\n"
    "1. Cắm USB này vào cổng USB của trạm thông tin (màn hình vẫn đang chiếu).\n"
    "   Plug this stick into the information station's USB port (the screen keeps playing).\n"
    "2. Chờ vài giây: màn hình hiện \"Đang cài đặt từ USB\" và một thanh tiến trình. Không rút USB khi thanh\n"
    "   tiến trình đang chạy.\n"
    "   Wait a few seconds: the screen shows \"Installing from USB\" and a progress bar. Do not pull the stick\n"
    "   out while the bar is moving.\n"
    "3. Đọc kết quả trên màn hình: mỗi tệp được ghi ĐÃ CÀI ĐẶT, ĐÃ CÓ SẴN, BỎ QUA hoặc BỊ TỪ CHỐI kèm lý do.\n"
    "   Read the result on the screen: each file is INSTALLED, ALREADY CURRENT, SKIPPED or REFUSED, with why.\n"
    "4. Khi màn hình hiện \"Có thể rút USB\", rút USB ra. Kết quả cũng được ghi vào USB, tệp\n"
    "   KIOSK-KET-QUA-RESULT-<mã trạm>.txt.\n"
    "   When the screen says \"You may remove the USB stick\", pull it out. The result is also written to the\n"
    "   stick, in the file KIOSK-KET-QUA-RESULT-<station id>.txt.\n"
    "\n"
    "NẾU BỊ TỪ CHỐI / IF A FILE IS REFUSED\n"
    "- Trạm vẫn chiếu nội dung cũ; không có gì bị hỏng.\n"
    "  The station keeps playing its old content; nothing is broken.\n"
    "- \"không có chữ ký hợp lệ\": gói không do Sở ký. Không dùng USB này; báo Sở.\n"
    "  \"not signed by a trusted office key\": the pack was not signed by the office. Do not use this stick;\n"
    "  tell the office.\n"
    "- \"bị hỏng hoặc không đầy đủ\": tệp bị hỏng khi chép. Xin Sở chép lại USB.\n"
    "  \"damaged or incomplete\": the file was damaged in copying. Ask the office to write the stick again.\n"
    "- \"cũ hơn hoặc trùng\": trạm đã có nội dung này hoặc mới hơn. Không cần làm gì.\n"
    "  \"older than or the same as\": the station already has this content or newer. Nothing to do.\n"
    "- \"dành cho trạm hoặc kênh khác\": USB dành cho trạm khác.\n"
    "  \"meant for another station or channel\": the stick is for another station.\n"
    "Gửi tệp KIOSK-KET-QUA-RESULT-*.txt trên USB về Sở để được hỗ trợ.\n"
    "Send the KIOSK-KET-QUA-RESULT-*.txt file on the stick to the provincial office for help.\n"
    "\n"
    "Không cần kết nối mạng. Trạm chỉ cài nội dung có chữ ký của Sở.\n"
    "No network is needed. The station only installs content signed by the office.\n";

// Reads the blob section once, checking every object's size and hash against the (unverified) manifest.
struct HashCheck final : kiosk::BlobVisitor {
    ProgressBar* bar = nullptr;
    kiosk::Result<kiosk::BlobAction> begin(const kiosk::ManifestObject&) override { return kiosk::BlobAction::Read; }
    kiosk::Status data(const void*, std::size_t) override { return {}; }
    kiosk::Status end(const kiosk::ManifestObject&) override { return {}; }
    void progress(std::uint64_t done, std::uint64_t total) override { bar->update(done, total); }
};

// Copies a file to dir/name: temporary name, fsync, rename, directory sync.
kiosk::Status copy_into(const fs::path& from, const fs::path& dir, ProgressBar* bar = nullptr) {
    int fd = ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return kiosk::make_error(kiosk::ErrorCode::Io, "cannot open " + from.string() + ": " + std::strerror(errno));
    struct Close {
        int fd;
        ~Close() { ::close(fd); }
    } close_fd{fd};
    auto out = TRY(kiosk::platform::AtomicFile::create(dir / from.filename()));
    std::error_code ec;
    std::uint64_t total = fs::file_size(from, ec), done = 0;
    std::vector<char> buf(1 << 20);
    while (true) {
        ssize_t n = ::read(fd, buf.data(), buf.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return kiosk::make_error(kiosk::ErrorCode::Io, "cannot read " + from.string() + ": " + std::strerror(errno));
        if (n == 0)
            break;
        TRY(out.write(buf.data(), static_cast<std::size_t>(n)));
        done += static_cast<std::uint64_t>(n);
        if (bar)
            bar->update(done, total);
    }
    return out.commit();
}

int failed(const std::string& message) {
    std::fprintf(stderr, "content-tool: %s\n", message.c_str());
    return kExitFailed;
}

} // namespace

int cmd_usb(const Args& args) {
    auto parsed = parse_args(args, {"--public-key", "--pubkey", "--notice", "--key-file"}, {});
    if (!parsed.error.empty() || parsed.positional.size() != 2)
        return usage_error(parsed.error.empty() ? kUsage : parsed.error + "\n" + kUsage);
    fs::path pack = parsed.positional[0], dest = parsed.positional[1];
    std::vector<fs::path> key_files;
    for (const auto& flag : {"--public-key", "--pubkey"})
        for (const auto& f : parsed.values[flag])
            key_files.emplace_back(f);
    std::optional<kiosk::TrustedKeys> keys;
    if (!key_files.empty()) {
        auto loaded = kiosk::TrustedKeys::load(key_files);
        if (!loaded)
            return failed(loaded.error().message);
        keys = std::move(loaded.value());
    }

    // The pack: signature (with a key), form, and every object's hash, before anything is copied.
    kiosk::Manifest manifest;
    {
        ProgressBar bar("Checking pack");
        kiosk::Result<kiosk::Manifest> checked = kiosk::make_error(kiosk::ErrorCode::Invalid, "not checked");
        if (keys) {
            if (auto other = signed_by_other_key(pack, *keys, key_files)) {
                bar.finish();
                return failed(*other + "\nNothing was copied.");
            }
            checked = kiosk::verify_pack_file(pack, *keys, [&](std::uint64_t d, std::uint64_t t) { bar.update(d, t); });
        } else {
            auto reader = kiosk::PackReader::open(pack);
            checked = reader ? reader->parse_unverified_manifest() : kiosk::Result<kiosk::Manifest>(reader.error());
            if (checked) {
                HashCheck visitor;
                visitor.bar = &bar;
                if (auto read = reader->read_blobs(*checked, visitor); !read)
                    checked = read.error();
            }
        }
        bar.finish();
        if (!checked)
            return failed(pack.string() + " is refused, nothing was copied: " + checked.error().message);
        manifest = std::move(checked.value());
    }
    std::vector<fs::path> notices, key_copies;
    for (const auto& f : parsed.values["--notice"]) {
        auto bytes = kiosk::platform::read_file(f, kiosk::kNoticeFileCap);
        if (!bytes)
            return failed("notice " + f + ": " + bytes.error().message);
        if (fs::path(f).extension() != kiosk::kNoticeExtension)
            return failed("notice " + f + ": the station only reads notices named *.notice");
        if (keys) {
            if (auto opened = kiosk::open_notice(*bytes, *keys); !opened)
                return failed("notice " + f + " is refused, nothing was copied: " + opened.error().message);
        } else if (auto parsed_notice = kiosk::Notice::parse(bytes->substr(0, bytes->find('\n'))); !parsed_notice) {
            return failed("notice " + f + " is refused, nothing was copied: " + parsed_notice.error().message);
        }
        notices.emplace_back(f);
    }
    bool signer_certified = false;
    for (const auto& f : parsed.values["--key-file"]) {
        auto ext = fs::path(f).extension();
        if (ext != ".kcert" && ext != ".krevoke")
            return failed("key file " + f + ": the station only reads *.kcert and *.krevoke key files");
        auto bytes = kiosk::platform::read_file(f, kKeyFileCap);
        if (!bytes)
            return failed("key file " + f + ": " + bytes.error().message);
        if (ext == ".kcert") { // a certificate for another key than the pack's would not help the station
            auto sealed = kiosk::parse_sealed(kiosk::SignedDocument::KeyCertificate, *bytes, kKeyFileCap);
            auto cert = sealed ? kiosk::KeyCertificate::parse(sealed->document) : kiosk::Result<kiosk::KeyCertificate>(sealed.error());
            if (!cert)
                return failed("key file " + f + ": " + cert.error().message);
            if (cert->key.id() == manifest.signer)
                signer_certified = true;
        }
        key_copies.emplace_back(f);
    }
    if (!signer_certified)
        std::printf("note: no --key-file certifies key %s, which signed the pack; stations that trust a root key "
                    "(root_keys) and have not yet seen that key will refuse the pack. Add its certificate: "
                    "--key-file OFFICE.kcert\n",
                    manifest.signer.c_str());

    std::error_code ec;
    if (!fs::is_directory(dest, ec))
        return failed(dest.string() + " is not a folder (mount the stick first, e.g. /media/$USER/STICK)");
    fs::path folder = dest / "kiosk";
    fs::create_directories(folder, ec);
    if (ec)
        return failed("cannot create " + folder.string() + ": " + ec.message());
    {
        ProgressBar bar("Copying pack");
        auto copied = copy_into(pack, folder, &bar);
        bar.finish();
        if (!copied)
            return failed("copying " + pack.string() + ": " + copied.error().message);
    }
    for (const auto* list : {&notices, &key_copies})
        for (const auto& f : *list)
            if (auto copied = copy_into(f, folder); !copied)
                return failed("copying " + f.string() + ": " + copied.error().message);
    if (auto guide = kiosk::platform::write_file_atomic(folder / "HUONG-DAN-GUIDE.txt", kGuide); !guide)
        return failed("writing the guide: " + guide.error().message);

    // Other packs of the same channel left in the folder do no harm (the station installs the newest)
    // but are named, in case an old one was meant to go.
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        auto name = entry.path().filename();
        if (entry.path().extension() == ".kpack" && name != pack.filename())
            std::printf("note: %s is also on the stick; the station installs only the newest pack of each channel\n",
                        name.c_str());
    }
    std::printf("Stick ready: %s\n  pack %s: channel %s version %llu (%s)\n", folder.c_str(),
                pack.filename().c_str(), manifest.channel.c_str(), static_cast<unsigned long long>(manifest.version),
                keys ? "signature and every object checked" : "objects checked; signature NOT checked (use --public-key)");
    for (const auto& f : notices)
        std::printf("  notice %s\n", f.filename().c_str());
    for (const auto& f : key_copies)
        std::printf("  key file %s\n", f.filename().c_str());
    std::printf("  guide HUONG-DAN-GUIDE.txt\nUnmount the stick before pulling it out (e.g. 'udisksctl unmount' or "
                "Eject), so that every file is written.\n");
    return kExitOk;
}

} // namespace content_tool
