// Built-in words of the kiosk in Vietnamese, English, Lao, Khmer, Chinese and Thai.
#include "content/ui_text.hpp"

#include <array>
#include <map>

namespace kiosk {

namespace {

struct Word {
    const char* id;
    std::map<std::string, std::string, std::less<>> text;
};

const std::array<Word, 9>& words() {
    static const std::array<Word, 9> table = {{
        {"touch_to_start",
         {{"vi", "Chạm vào màn hình để bắt đầu"}, {"en", "Touch the screen to start"},
          {"lo", "ແຕະໜ້າຈໍ ເພື່ອເລີ່ມຕົ້ນ"}, {"km", "ប៉ះអេក្រង់ ដើម្បីចាប់ផ្តើម"}, {"zh", "触摸屏幕开始"},
          {"th", "แตะหน้าจอเพื่อเริ่มต้น"}}},
        {"choose_language",
         {{"vi", "Chọn ngôn ngữ"}, {"en", "Choose your language"}, {"lo", "ເລືອກພາສາ"},
          {"km", "ជ្រើសរើសភាសា"}, {"zh", "选择语言"}, {"th", "เลือกภาษา"}}},
        {"home",
         {{"vi", "Trang chủ"}, {"en", "Home"}, {"lo", "ໜ້າຫຼັກ"}, {"km", "ទំព័រដើម"}, {"zh", "首页"},
          {"th", "หน้าแรก"}}},
        {"back",
         {{"vi", "Quay lại"}, {"en", "Back"}, {"lo", "ກັບຄືນ"}, {"km", "ត្រឡប់ក្រោយ"}, {"zh", "返回"},
          {"th", "ย้อนกลับ"}}},
        {"language",
         {{"vi", "Ngôn ngữ"}, {"en", "Language"}, {"lo", "ພາສາ"}, {"km", "ភាសា"}, {"zh", "语言"},
          {"th", "ภาษา"}}},
        {"still_there",
         {{"vi", "Bạn vẫn đang xem chứ?"}, {"en", "Still there?"}, {"lo", "ທ່ານ ຍັງຢູ່ບໍ່?"},
          {"km", "តើអ្នកនៅទីនេះទេ?"}, {"zh", "您还在吗？"}, {"th", "ยังอยู่ไหม?"}}},
        {"touch_to_continue",
         {{"vi", "Chạm vào màn hình để tiếp tục"}, {"en", "Touch the screen to continue"},
          {"lo", "ແຕະໜ້າຈໍ ເພື່ອສືບຕໍ່"}, {"km", "ប៉ះអេក្រង់ ដើម្បីបន្ត"}, {"zh", "触摸屏幕继续"},
          {"th", "แตะหน้าจอเพื่อดำเนินการต่อ"}}},
        {"scan_to_take_away",
         {{"vi", "Quét mã để đọc trên điện thoại"}, {"en", "Scan to read this on your phone"},
          {"lo", "ສະແກນ ເພື່ອອ່ານ ໃນໂທລະສັບ"}, {"km", "ស្កេន ដើម្បីអាន លើទូរស័ព្ទ"}, {"zh", "扫码在手机上阅读"},
          {"th", "สแกนเพื่ออ่านบนโทรศัพท์"}}},
        {"urgent_notice",
         {{"vi", "Thông báo khẩn"}, {"en", "Urgent notice"}, {"lo", "ແຈ້ງການ ດ່ວນ"},
          {"km", "សេចក្តីជូនដំណឹងបន្ទាន់"}, {"zh", "紧急通知"}, {"th", "ประกาศด่วน"}}},
    }};
    return table;
}

const Word* find_word(std::string_view id) {
    for (const auto& w : words())
        if (id == w.id)
            return &w;
    return nullptr;
}

const std::string* own_text(const Content& content, std::string_view id, std::string_view lang) {
    if (auto it = content.ui.find(std::string(id)); it != content.ui.end())
        if (auto t = it->second.find(std::string(lang)); t != it->second.end() && !t->second.empty())
            return &t->second;
    if (const Word* w = find_word(id))
        if (auto t = w->text.find(lang); t != w->text.end())
            return &t->second;
    return nullptr;
}

} // namespace

bool is_ui_word(std::string_view id) {
    return find_word(id) != nullptr;
}

std::vector<std::string> ui_words() {
    std::vector<std::string> out;
    for (const auto& w : words())
        out.emplace_back(w.id);
    return out;
}

std::string ui_word_list() {
    std::string out;
    for (const auto& w : words())
        out += (out.empty() ? "" : ", ") + std::string(w.id);
    return out;
}

std::string ui_text(const Content& content, std::string_view id, std::string_view lang) {
    if (auto* s = own_text(content, id, lang))
        return *s;
    for (const auto& l : content.fallback)
        if (auto* s = own_text(content, id, l))
            return *s;
    if (auto* s = own_text(content, id, "en"))
        return *s;
    return std::string(id);
}

bool has_ui_text(const Content& content, std::string_view id, std::string_view lang) {
    return own_text(content, id, lang) != nullptr;
}

} // namespace kiosk
