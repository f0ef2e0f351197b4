// A USB stick the operator plugged in: what is on it, installing it, and the result written back to it.
//
// The kiosk looks at the stick's top folder and at its kiosk/ folder (the layout `content-tool usb`
// writes), never deeper, and takes at most kStickFilesCap files:
//   *.kcert, *.krevoke   signing-key certificates and revocation lists, handed to the keyring first
//   *.kpack              content packs: per channel only the newest on the stick is installed (the next
//                        best when the newest is damaged)
//   *.notice             urgent notices
// Then it writes KIOSK-KET-QUA-RESULT-<station>.txt to the stick's top folder (Vietnamese with English
// under each line), unless the stick is write-protected.
#pragma once

#include "usb/install_file.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kiosk {

constexpr std::string_view kStickFolder = "kiosk";
constexpr std::size_t kStickEntriesCap = 4096; // directory entries looked at in each of the two folders
constexpr std::size_t kStickFilesCap = 64;     // packs, notices and key files taken from one stick

struct StickContents {
    std::vector<std::filesystem::path> key_files, packs, notices; // each sorted by path
    std::vector<std::string> problems; // what was left out and why (a link leaving the stick, too many files)
    bool empty() const { return key_files.empty() && packs.empty() && notices.empty(); }
};

// Lists what is on a mounted stick (see above). Symbolic links are followed only when they stay on the stick.
StickContents scan_stick(const std::filesystem::path& stick);

// Names, sizes and modification times of the files found: tells one stick's content from another's.
std::string stick_fingerprint(const std::filesystem::path& stick, const StickContents& contents);

// Progress over everything being installed from a stick.
struct UsbProgress {
    std::uint64_t done = 0, total = 0; // bytes
    std::string file;                  // the name of the file being installed
    std::size_t index = 0, count = 0;  // its number (1-based) among the files being installed
};
using UsbProgressFn = std::function<void(const UsbProgress&)>;

// Everything that happened, for the screen, the result file and `kiosk --scan-usb`.
struct StickReport {
    std::filesystem::path stick;
    std::string station, station_name;
    std::int64_t time = 0;           // Unix seconds
    std::vector<FileOutcome> files;  // key files first, then packs, then notices
    std::vector<std::string> problems;
    std::filesystem::path result_file; // empty when it could not be written
    std::string result_problem;        // why not

    bool found_nothing() const { return files.empty(); }
    bool any_refused() const;
    // kiosk --scan-usb: 0 everything found was installed or already current, 1 something was refused,
    // 3 nothing to install was found.
    int exit_status() const;
};

// The keyring's step (issue 6 part 6), run before any pack so that a pack signed by a newly certified
// key can be installed from the same stick: revocation lists, then certificates, each given to the
// keyring (context.keyring; without one they are only listed).
void install_key_files(InstallContext& context, const std::vector<std::filesystem::path>& files,
                       StickReport& report);

// Installs what is on the stick and writes the result file back to it (never fatal when it cannot).
StickReport install_from_stick(InstallContext& context, const std::filesystem::path& stick, std::int64_t now_s,
                               const UsbProgressFn& progress = {});

// The result as the operator reads it on the stick and on stdout: Vietnamese, English under each line.
std::string stick_report_text(const StickReport& report);
// One outcome in a few words in each language (for the screen), e.g. "ĐÃ CÀI ĐẶT: gói ... phiên bản 2".
std::pair<std::string, std::string> outcome_summary(const FileOutcome& outcome);
// KIOSK-KET-QUA-RESULT-<station>.txt, the station id made safe for any file system.
std::string result_file_name(const std::string& station);

} // namespace kiosk
