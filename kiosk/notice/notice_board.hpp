// The station's urgent notices on disk: installs signed notices atomically, refuses anything unsigned,
// damaged, expired, older or meant for someone else, and says which notices show now.
//
//   NOTICES/<id>.notice          the newest version of each notice, as it was signed
//   NOTICES/state/<id>.version   "<version> <BLAKE2b-256 hex of the file>": the highest version ever
//                                accepted for the id (replay protection that survives deleting the file)
//   NOTICES/lock                 held while installing, so that `kiosk --install` and the app agree
#pragma once

#include "base/result.hpp"
#include "crypto/keys.hpp"
#include "notice/notice.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

namespace fs = std::filesystem;

// Notice files the board reads at most; more are left unread (and reported), whatever is on the disk.
constexpr std::size_t kNoticeFilesCap = 256;

class NoticeBoard {
public:
    // Opens (creating if needed) the notices directory of a station that trusts `keys`, serves `station`
    // and plays `channel` (empty: any channel).
    static Result<NoticeBoard> open(fs::path dir, TrustedKeys keys, std::string station, std::string channel) {
        return open(std::move(dir), std::move(keys), std::move(station),
                    channel.empty() ? std::vector<std::string>{} : std::vector<std::string>{std::move(channel)});
    }
    // The channels a station plays: its own and other publishers' it also plays (empty: any channel).
    static Result<NoticeBoard> open(fs::path dir, TrustedKeys keys, std::string station,
                                    std::vector<std::string> channels);

    // Verifies a notice file and stores it, or (a withdrawal) takes its notice down. Refused: a bad
    // signature or form, another station or channel, an expired notice, a version not newer than one
    // accepted before for the same id, and text missing in any of `languages` (the languages of the
    // content playing; empty: no language is required). A notice that starts later is stored now and
    // shows from its start. On any error nothing changes.
    Result<Notice> install(const fs::path& file, std::int64_t now,
                           const std::vector<std::string>& languages = {});

    // The notices to show at `now`, takeovers first, then the newest. Files are read again (and verified
    // again, since a disk can damage them) whenever changed_token() changes; a bad file is left out,
    // logged, and listed in problems(). Cheap enough to call every second.
    std::vector<Notice> active(std::int64_t now);
    // What was wrong with the files at the last read, one line each ("notices/x.notice: ...").
    const std::vector<std::string>& problems() const { return m_problems; }
    // The newest `created` among the notices read: a signed time the station's clock cannot be before.
    std::int64_t newest_created() const;
    // The next time after `now` at which a notice read starts or expires: active() changes then even
    // when no file does.
    std::optional<std::int64_t> next_change(std::int64_t now) const;

    // Removes the files of expired and withdrawn notices (never a file it cannot read: a wrong key
    // configuration must not delete notices), and temporary files left by a power cut.
    Status prune(std::int64_t now);

    // A value that changes whenever a notice file or a version record is added, replaced or removed
    // (names, sizes, times and inodes of the directory's entries).
    std::uint64_t changed_token() const;

    const fs::path& dir() const { return m_dir; }

private:
    NoticeBoard(fs::path dir, TrustedKeys keys, std::string station, std::vector<std::string> channels);
    struct Record {
        std::uint64_t version = 0;
        std::string hash; // hex BLAKE2b-256 of the file accepted at that version
    };
    Record recorded(const std::string& id) const;
    void reload();

    fs::path m_dir;
    TrustedKeys m_keys;
    std::string m_station;
    std::vector<std::string> m_channels;
    bool plays(std::string_view channel) const;
    std::optional<std::uint64_t> m_token; // of the last read
    std::vector<Notice> m_notices;        // every valid, current-version notice read, showing or not
    std::vector<std::string> m_problems;
};

} // namespace kiosk
