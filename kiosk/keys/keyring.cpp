// The keyring on disk: certificates and the revocation list, re-checked on open, replaced atomically.
#include "keys/keyring.hpp"

#include "base/log.hpp"
#include "platform/linux/files.hpp"

#include <algorithm>

namespace kiosk {

namespace {

constexpr const char* kCertificatesDir = "certificates";
constexpr const char* kRevocationsFile = "revocations.krevoke";
constexpr std::size_t kMostCertificates = 256;

KeyFileResult describe(KeyFileOutcome outcome, const KeyCertificate& cert) {
    std::string channels;
    for (const auto& c : cert.channels)
        channels += (channels.empty() ? "" : ", ") + c;
    std::string holder = cert.name.empty() ? "" : " (" + cert.name + ")";
    return KeyFileResult{outcome, "key " + cert.key.id() + holder + " for channel(s) " + channels,
                         "khóa " + cert.key.id() + holder + " cho kênh " + channels};
}

KeyFileResult describe(KeyFileOutcome outcome, const RevocationList& list) {
    auto n = std::to_string(list.sequence), count = std::to_string(list.revoked.size());
    return KeyFileResult{outcome, "key revocation list number " + n + " (" + count + " key(s) revoked)",
                         "danh sách thu hồi khóa số " + n + " (" + count + " khóa bị thu hồi)"};
}

} // namespace

Keyring::Keyring(fs::path dir, std::vector<PublicKey> roots, std::vector<PublicKey> direct)
    : m_dir(std::move(dir)), m_roots(std::move(roots)), m_direct(std::move(direct)) {}

Result<std::unique_ptr<Keyring>> Keyring::open(fs::path dir, std::vector<PublicKey> roots,
                                               std::vector<PublicKey> direct) {
    std::error_code ec;
    fs::create_directories(dir / kCertificatesDir, ec);
    if (ec)
        return make_error(ErrorCode::Io, "cannot create the keyring folder " + dir.string() + ": " + ec.message());
    std::unique_ptr<Keyring> owned(new Keyring(std::move(dir), std::move(roots), std::move(direct)));
    Keyring& ring = *owned;
    if (auto bytes = platform::read_file(ring.m_dir / kRevocationsFile, kRevocationsFileCap)) {
        if (auto list = open_revocations(*bytes, ring.m_roots))
            ring.m_revocations = std::move(list.value());
        else
            log_error("keyring: the kept revocation list is left out: " + list.error().message);
    }
    std::size_t seen = 0;
    for (const auto& entry : fs::directory_iterator(ring.m_dir / kCertificatesDir, ec)) {
        if (++seen > kMostCertificates)
            break;
        if (entry.path().extension() != kCertificateExtension)
            continue;
        auto bytes = platform::read_file(entry.path(), kCertificateFileCap);
        auto cert = bytes ? open_certificate(*bytes, ring.m_roots) : Result<KeyCertificate>(bytes.error());
        if (!cert || entry.path().stem() != cert->key.id()) {
            log_error("keyring: the certificate " + entry.path().string() + " is left out: " +
                      (cert ? "its name does not match its key" : cert.error().message));
            continue;
        }
        ring.m_certificates.push_back(std::move(cert.value()));
    }
    std::lock_guard lock(ring.m_mutex);
    ring.rebuild_locked();
    return owned;
}

void Keyring::rebuild_locked() {
    std::vector<TrustedKey> keys;
    std::map<std::string, std::string> reasons; // revoked key id -> why
    if (m_revocations)
        for (const auto& r : m_revocations->revoked)
            reasons[r.key_id] = r.reason;
    auto revoked = [&](const PublicKey& key) { return m_revocations && m_revocations->revokes(key.id()); };
    for (const auto& key : m_direct)
        if (!revoked(key))
            keys.push_back(TrustedKey{key, {}, {}});
    for (const auto& cert : m_certificates)
        if (!revoked(cert.key))
            keys.push_back(TrustedKey{cert.key, cert.channels, cert.name});
    m_trusted.replace_with(std::move(keys), std::move(reasons));
}

Result<KeyFileResult> Keyring::add_certificate(std::string_view file_bytes) {
    auto cert = TRY(open_certificate(file_bytes, m_roots));
    std::lock_guard lock(m_mutex);
    if (m_revocations && m_revocations->revokes(cert.key.id()))
        return make_error(ErrorCode::Signature, "key " + cert.key.id() + " has been revoked by the root key; a "
                                                    "certificate cannot bring it back (sign with the new key)");
    auto kept = std::find_if(m_certificates.begin(), m_certificates.end(),
                             [&](const KeyCertificate& c) { return c.key.bytes == cert.key.bytes; });
    if (kept != m_certificates.end()) {
        if (kept->to_json() == cert.to_json())
            return describe(KeyFileOutcome::AlreadyKnown, cert);
        if (kept->issued >= cert.issued) // replayed or simply old: the newer one stays
            return describe(KeyFileOutcome::Older, cert);
    } else if (m_certificates.size() >= kMostCertificates) {
        return make_error(ErrorCode::TooLarge, "the station already keeps " + std::to_string(kMostCertificates) +
                                                   " key certificates");
    }
    TRY(platform::write_file_atomic(m_dir / kCertificatesDir / (cert.key.id() + std::string(kCertificateExtension)),
                                    file_bytes));
    if (kept != m_certificates.end())
        *kept = cert;
    else
        m_certificates.push_back(cert);
    rebuild_locked();
    return describe(KeyFileOutcome::Added, cert);
}

Result<KeyFileResult> Keyring::add_revocations(std::string_view file_bytes) {
    auto list = TRY(open_revocations(file_bytes, m_roots));
    std::lock_guard lock(m_mutex);
    if (m_revocations) {
        if (m_revocations->sequence == list.sequence && m_revocations->to_json() == list.to_json())
            return describe(KeyFileOutcome::AlreadyKnown, list);
        if (m_revocations->sequence > list.sequence)
            return describe(KeyFileOutcome::Older, list);
        if (m_revocations->sequence == list.sequence)
            return make_error(ErrorCode::Version,
                              "this key revocation list is number " + std::to_string(list.sequence) +
                                  " like the one the station keeps, but says something else; the root key's "
                                  "holder must issue the next number");
    }
    TRY(platform::write_file_atomic(m_dir / kRevocationsFile, file_bytes));
    for (const auto& r : list.revoked)
        if (!m_revocations || !m_revocations->revokes(r.key_id))
            log_info("keyring: key " + r.key_id + " revoked" + (r.reason.empty() ? "" : ": " + r.reason));
    m_revocations = std::move(list);
    rebuild_locked();
    return describe(KeyFileOutcome::Added, list);
}

Result<KeyFileResult> Keyring::add_file(const fs::path& file) {
    bool certificate = file.extension() == kCertificateExtension;
    auto bytes = TRY(platform::read_file(file, certificate ? kCertificateFileCap : kRevocationsFileCap));
    if (certificate)
        return add_certificate(bytes);
    if (file.extension() == kRevocationsExtension)
        return add_revocations(bytes);
    return make_error(ErrorCode::Unsupported, file.filename().string() + " is not a key file (.kcert or .krevoke)");
}

int Keyring::add_files_beside(const fs::path& pack_file) {
    std::vector<fs::path> revocations, certificates;
    for (const fs::path& dir : {pack_file.parent_path(), pack_file.parent_path() / "keys"}) {
        std::error_code ec;
        std::size_t seen = 0;
        for (const auto& entry : fs::directory_iterator(dir.empty() ? fs::path(".") : dir, ec)) {
            if (++seen > 4 * kMostCertificates || !entry.is_regular_file(ec))
                continue;
            if (entry.path().extension() == kRevocationsExtension)
                revocations.push_back(entry.path());
            else if (entry.path().extension() == kCertificateExtension)
                certificates.push_back(entry.path());
        }
    }
    int changed = 0;
    for (const auto* files : {&revocations, &certificates}) // revocations first: a revoked key stays out
        for (const auto& file : *files) {
            auto added = add_file(file);
            if (!added)
                log_error("keyring: " + file.string() + " refused: " + added.error().message);
            else if (added->outcome == KeyFileOutcome::Added && ++changed)
                log_info("keyring: added " + added->description + " from " + file.string());
        }
    return changed;
}

std::optional<RevocationList> Keyring::revocations() const {
    std::lock_guard lock(m_mutex);
    return m_revocations;
}

std::vector<KeyCertificate> Keyring::certificates() const {
    std::lock_guard lock(m_mutex);
    return m_certificates;
}

bool is_key_file(const fs::path& file) {
    return file.extension() == kCertificateExtension || file.extension() == kRevocationsExtension;
}

std::string key_file_message(const Error& error) {
    return "Không nhận tệp khóa (chi tiết bằng tiếng Anh ở dòng dưới).\nKey file refused: " + error.message;
}

std::string key_file_message(const KeyFileResult& result) {
    switch (result.outcome) {
    case KeyFileOutcome::Added:
        return "Đã nhận: " + result.description_vi + "\nAccepted: " + result.description;
    case KeyFileOutcome::AlreadyKnown:
        return "Trạm đã có: " + result.description_vi + "\nAlready known: " + result.description;
    case KeyFileOutcome::Older:
        return "Trạm đã có bản mới hơn nên bỏ qua: " + result.description_vi +
               "\nThe station keeps a newer one, so this is ignored: " + result.description;
    }
    return result.description;
}

} // namespace kiosk
