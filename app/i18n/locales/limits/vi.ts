import type { LimitsTexts } from "./en";

const limits: LimitsTexts = {
  tooLargeTitle: "Nội dung quá lớn để gửi",
  tooLargeBody: "Nội dung anh/chị gửi lớn hơn mức biểu mẫu này nhận ({{limit}}). Xin gửi tệp nhỏ hơn, hoặc gửi ít tệp hơn mỗi lần, rồi thử lại.",
  crossSiteTitle: "Biểu mẫu này đến từ một trang web khác",
  crossSiteBody: "Để giữ an toàn cho anh/chị, chúng tôi chỉ nhận biểu mẫu gửi từ các trang của ứng dụng này. Xin mở trang tại đây và gửi lại.",
  controlCharacters: "Xin xóa các ký tự ẩn hoặc ký tự đặc biệt khỏi đoạn chữ này.",
  dateTooEarly: "Ngày này ở trước khi chương trình bắt đầu.",
  dateTooLate: "Ngày này quá xa: phải nằm trong thời gian của chương trình và không quá một năm kể từ hôm nay.",
};

export default limits;
