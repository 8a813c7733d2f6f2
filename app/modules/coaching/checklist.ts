/**
 * The on-site practice checklist (../shared/DOMAIN.md): what a coach observes in the workshop.
 * Defined once, as data. Keys are stable forever: scores are stored by key, so a key is never
 * renamed or reused; an item that is retired stays here (and can be switched off per programme).
 * Labels and help text live beside the item in all four languages (docs/decisions/0008-coaching-checklist-as-data.md).
 */
import type { Language } from "~/i18n/languages";

export type ChecklistGroupKey = "five_s" | "flow_quality" | "records_money" | "customers_planning";

type Texts = Record<Language, string>;

export type ChecklistItem = {
  readonly key: string;
  readonly group: ChecklistGroupKey;
  /** 1: in place or not. 2: graded, 1 = partly, 2 = fully in place (the help text says what each means). */
  readonly max: 1 | 2;
  readonly label: Texts;
  readonly help: Texts;
};

export const CHECKLIST_GROUPS: readonly { key: ChecklistGroupKey; label: Texts }[] = [
  { key: "five_s", label: { en: "5S", sw: "5S", am: "5S", vi: "5S" } },
  {
    key: "flow_quality",
    label: { en: "Flow and quality", sw: "Mtiririko na ubora", am: "የሥራ ፍሰትና ጥራት", vi: "Dòng chảy và chất lượng" },
  },
  {
    key: "records_money",
    label: { en: "Records and money", sw: "Kumbukumbu na fedha", am: "መዝገብና ገንዘብ", vi: "Sổ sách và tiền bạc" },
  },
  {
    key: "customers_planning",
    label: { en: "Customers and planning", sw: "Wateja na mipango", am: "ደንበኞችና ዕቅድ", vi: "Khách hàng và kế hoạch" },
  },
];

export const CHECKLIST: readonly ChecklistItem[] = [
  // 5S
  {
    key: "five_s_sort",
    group: "five_s",
    max: 2,
    label: { en: "Unneeded items removed", sw: "Vitu visivyohitajika vimeondolewa", am: "የማያስፈልጉ ዕቃዎች ተወግደዋል", vi: "Đã loại bỏ đồ không cần thiết" },
    help: {
      en: "1: some scrap and broken items still lie around. 2: only what is needed for current work is in the workshop.",
      sw: "1: bado kuna chakavu na vitu vibovu hapa na pale. 2: karakana ina vitu vinavyohitajika kwa kazi ya sasa tu.",
      am: "1: አንዳንድ ቁርጥራጭና የተበላሹ ዕቃዎች አሁንም አሉ። 2: በሥራ ቦታው ያለው ለአሁኑ ሥራ የሚያስፈልገው ብቻ ነው።",
      vi: "1: vẫn còn một ít phế liệu và đồ hỏng. 2: trong xưởng chỉ có những gì cần cho công việc hiện tại.",
    },
  },
  {
    key: "five_s_set",
    group: "five_s",
    max: 2,
    label: { en: "Tools have marked places", sw: "Zana zina mahali palipowekwa alama", am: "መሣሪያዎች ምልክት የተደረገበት ቦታ አላቸው", vi: "Dụng cụ có chỗ để được đánh dấu" },
    help: {
      en: "1: the main tools have a place. 2: every tool has a marked place (outline, label) and is in it.",
      sw: "1: zana kuu zina mahali pake. 2: kila zana ina mahali palipowekwa alama (mchoro, lebo) na iko pale.",
      am: "1: ዋና ዋና መሣሪያዎች ቦታ አላቸው። 2: እያንዳንዱ መሣሪያ ምልክት የተደረገበት ቦታ (ቅርጽ፣ ስያሜ) አለው፣ እዚያም ይገኛል።",
      vi: "1: các dụng cụ chính có chỗ để. 2: mọi dụng cụ đều có chỗ được đánh dấu (vẽ viền, dán nhãn) và nằm đúng chỗ.",
    },
  },
  {
    key: "five_s_shine",
    group: "five_s",
    max: 2,
    label: { en: "Floor and machines clean", sw: "Sakafu na mashine ni safi", am: "ወለሉና ማሽኖቹ ንጹሕ ናቸው", vi: "Sàn và máy móc sạch sẽ" },
    help: {
      en: "1: the floor is swept but machines are dirty, or the other way round. 2: both are clean and checked while cleaning.",
      sw: "1: sakafu imefagiliwa lakini mashine ni chafu, au kinyume chake. 2: vyote ni safi na hukaguliwa wakati wa kusafisha.",
      am: "1: ወለሉ ተጠርጓል ማሽኖቹ ግን ቆሻሻ ናቸው፣ ወይም በተቃራኒው። 2: ሁለቱም ንጹሕ ናቸው፣ ሲጸዱም ይፈተሻሉ።",
      vi: "1: sàn đã quét nhưng máy còn bẩn, hoặc ngược lại. 2: cả hai đều sạch và được kiểm tra khi lau chùi.",
    },
  },
  {
    key: "five_s_routine",
    group: "five_s",
    max: 1,
    label: { en: "Cleaning routine posted and followed", sw: "Ratiba ya usafi imebandikwa na inafuatwa", am: "የጽዳት መርሐ ግብር ተለጥፏል፣ ይተገበራልም", vi: "Lịch vệ sinh được dán lên và làm theo" },
    help: {
      en: "A written routine (who cleans what, when) is on the wall and the last entries are recent.",
      sw: "Ratiba iliyoandikwa (nani anasafisha nini, lini) iko ukutani na maingizo ya mwisho ni ya karibuni.",
      am: "የተጻፈ መርሐ ግብር (ማን ምን መቼ እንደሚያጸዳ) ግድግዳ ላይ አለ፣ የመጨረሻዎቹ ምዝገባዎችም የቅርብ ጊዜ ናቸው።",
      vi: "Có lịch viết sẵn (ai dọn gì, khi nào) trên tường và các lần ghi gần đây.",
    },
  },
  {
    key: "five_s_audit",
    group: "five_s",
    max: 1,
    label: { en: "5S self-audit done", sw: "Ukaguzi binafsi wa 5S umefanyika", am: "የ5S ራስን መገምገም ተከናውኗል", vi: "Đã tự đánh giá 5S" },
    help: {
      en: "The owner or a worker has filled in a 5S check sheet in the last month.",
      sw: "Mmiliki au mfanyakazi amejaza fomu ya ukaguzi wa 5S katika mwezi uliopita.",
      am: "ባለቤቱ ወይም ሠራተኛ ባለፈው ወር የ5S መፈተሻ ቅጽ ሞልቷል።",
      vi: "Chủ hoặc một công nhân đã điền phiếu kiểm tra 5S trong tháng qua.",
    },
  },
  // Flow and quality
  {
    key: "flow_order",
    group: "flow_quality",
    max: 2,
    label: { en: "Workstations in process order", sw: "Vituo vya kazi vimepangwa kwa mfuatano wa kazi", am: "የሥራ ጣቢያዎች በሂደቱ ቅደም ተከተል ተቀምጠዋል", vi: "Các chỗ làm việc xếp theo thứ tự công đoạn" },
    help: {
      en: "1: some steps are in order, work still goes back and forth. 2: work moves one way from material to finished product.",
      sw: "1: baadhi ya hatua ziko kwa mpangilio, kazi bado inaenda na kurudi. 2: kazi inasonga upande mmoja kutoka malighafi hadi bidhaa iliyokamilika.",
      am: "1: አንዳንድ ደረጃዎች በቅደም ተከተል ናቸው፣ ሥራው ግን አሁንም ወዲያና ወዲህ ይመላለሳል። 2: ሥራው ከጥሬ ዕቃ እስከ የተጠናቀቀ ምርት በአንድ አቅጣጫ ይሄዳል።",
      vi: "1: một số bước đã đúng thứ tự, hàng vẫn đi tới đi lui. 2: hàng đi một chiều từ nguyên liệu đến thành phẩm.",
    },
  },
  {
    key: "flow_wip",
    group: "flow_quality",
    max: 1,
    label: { en: "Work in progress visible", sw: "Kazi inayoendelea inaonekana", am: "በሂደት ላይ ያለ ሥራ በግልጽ ይታያል", vi: "Hàng đang làm được thấy rõ" },
    help: {
      en: "Unfinished work has a marked place or a board, so anyone can see what waits where.",
      sw: "Kazi ambayo haijakamilika ina mahali palipowekwa alama au ubao, hivyo yeyote anaona nini kinasubiri wapi.",
      am: "ያልተጠናቀቀ ሥራ ምልክት የተደረገበት ቦታ ወይም ሰሌዳ አለው፣ ስለዚህ ማንም ሰው ምን የት እንደሚጠብቅ ያያል።",
      vi: "Hàng chưa xong có chỗ đánh dấu hoặc bảng, ai cũng thấy việc gì đang chờ ở đâu.",
    },
  },
  {
    key: "quality_check_sheet",
    group: "flow_quality",
    max: 1,
    label: { en: "Defects recorded on a check sheet", sw: "Kasoro zinaandikwa kwenye fomu ya ukaguzi", am: "ጉድለቶች በመፈተሻ ቅጽ ላይ ይመዘገባሉ", vi: "Lỗi được ghi vào phiếu kiểm tra" },
    help: {
      en: "Defects and returns are counted by type on a sheet that is in use this month.",
      sw: "Kasoro na bidhaa zilizorudishwa zinahesabiwa kwa aina kwenye fomu inayotumika mwezi huu.",
      am: "ጉድለቶችና የተመለሱ ምርቶች በዓይነት ተቆጥረው በዚህ ወር በሚሠራበት ቅጽ ላይ ይመዘገባሉ።",
      vi: "Lỗi và hàng bị trả lại được đếm theo loại trên một phiếu đang dùng trong tháng này.",
    },
  },
  {
    key: "quality_root_cause",
    group: "flow_quality",
    max: 1,
    label: { en: "Root cause of the main defect analysed", sw: "Chanzo cha kasoro kuu kimechunguzwa", am: "የዋናው ጉድለት መንስኤ ተተንትኗል", vi: "Đã phân tích nguyên nhân gốc của lỗi chính" },
    help: {
      en: "The owner can explain the main defect's cause (for example with why-why) and what was changed.",
      sw: "Mmiliki anaweza kueleza chanzo cha kasoro kuu (kwa mfano kwa kuuliza kwa nini mara kadhaa) na nini kilibadilishwa.",
      am: "ባለቤቱ የዋናውን ጉድለት መንስኤ (ለምሳሌ ለምን-ለምን በመጠየቅ) እና ምን እንደተለወጠ ማስረዳት ይችላል።",
      vi: "Chủ giải thích được nguyên nhân của lỗi chính (ví dụ bằng hỏi tại sao nhiều lần) và đã thay đổi gì.",
    },
  },
  {
    key: "maintenance_log",
    group: "flow_quality",
    max: 1,
    label: { en: "Preventive-maintenance log kept", sw: "Daftari la matengenezo kinga linatunzwa", am: "የመከላከያ ጥገና መዝገብ ይያዛል", vi: "Có sổ bảo dưỡng phòng ngừa" },
    help: {
      en: "Machines are checked on a schedule and the checks are written in a logbook.",
      sw: "Mashine hukaguliwa kwa ratiba na ukaguzi unaandikwa kwenye daftari.",
      am: "ማሽኖች በመርሐ ግብር ይፈተሻሉ፣ ፍተሻዎቹም በመዝገብ ይጻፋሉ።",
      vi: "Máy được kiểm tra theo lịch và việc kiểm tra được ghi vào sổ.",
    },
  },
  // Records and money
  {
    key: "records_sales",
    group: "records_money",
    max: 2,
    label: { en: "Daily sales recorded", sw: "Mauzo ya kila siku yanaandikwa", am: "የዕለት ሽያጭ ይመዘገባል", vi: "Ghi chép doanh thu hằng ngày" },
    help: {
      en: "1: sales are written down on some days. 2: every day's sales are in a book or on the phone.",
      sw: "1: mauzo yanaandikwa baadhi ya siku. 2: mauzo ya kila siku yako kwenye daftari au simu.",
      am: "1: ሽያጭ በአንዳንድ ቀናት ይጻፋል። 2: የእያንዳንዱ ቀን ሽያጭ በደብተር ወይም በስልክ ላይ አለ።",
      vi: "1: có ghi doanh thu vào một số ngày. 2: doanh thu mỗi ngày đều có trong sổ hoặc trên điện thoại.",
    },
  },
  {
    key: "records_purchases",
    group: "records_money",
    max: 2,
    label: { en: "Purchases recorded", sw: "Manunuzi yanaandikwa", am: "ግዢዎች ይመዘገባሉ", vi: "Ghi chép các khoản mua vào" },
    help: {
      en: "1: large purchases are written down. 2: every purchase of material and supplies is recorded.",
      sw: "1: manunuzi makubwa yanaandikwa. 2: kila ununuzi wa malighafi na vifaa unaandikwa.",
      am: "1: ትላልቅ ግዢዎች ይጻፋሉ። 2: እያንዳንዱ የጥሬ ዕቃና የአቅርቦት ግዢ ይመዘገባል።",
      vi: "1: các khoản mua lớn được ghi lại. 2: mọi khoản mua nguyên vật liệu đều được ghi.",
    },
  },
  {
    key: "records_cash_separate",
    group: "records_money",
    max: 1,
    label: { en: "Business and household cash separated", sw: "Fedha za biashara na za nyumbani zimetenganishwa", am: "የንግድና የቤት ገንዘብ ተለያይቷል", vi: "Tách tiền kinh doanh và tiền gia đình" },
    help: {
      en: "Business money is kept apart (a box, an account) and the owner pays themself a set amount.",
      sw: "Fedha za biashara zinawekwa kando (sanduku, akaunti) na mmiliki anajilipa kiasi kilichopangwa.",
      am: "የንግዱ ገንዘብ ለብቻው ይቀመጣል (ሣጥን፣ ሒሳብ)፣ ባለቤቱም ለራሱ የተወሰነ መጠን ይከፍላል።",
      vi: "Tiền kinh doanh để riêng (hộp, tài khoản) và chủ tự trả cho mình một khoản cố định.",
    },
  },
  {
    key: "records_unit_cost",
    group: "records_money",
    max: 1,
    label: { en: "Unit cost known for the main product", sw: "Gharama ya kipande kimoja inajulikana kwa bidhaa kuu", am: "የዋናው ምርት የአንድ ዩኒት ወጪ ይታወቃል", vi: "Biết giá thành đơn vị của sản phẩm chính" },
    help: {
      en: "The owner can show how the cost of one main product is made up: material, labour, other costs.",
      sw: "Mmiliki anaweza kuonyesha jinsi gharama ya bidhaa kuu moja inavyoundwa: malighafi, kazi, gharama nyingine.",
      am: "ባለቤቱ የአንድ ዋና ምርት ወጪ እንዴት እንደሚሰላ ማሳየት ይችላል፦ ጥሬ ዕቃ፣ የሰው ጉልበት፣ ሌሎች ወጪዎች።",
      vi: "Chủ chỉ ra được giá thành một sản phẩm chính gồm những gì: vật liệu, nhân công, chi phí khác.",
    },
  },
  {
    key: "records_stock",
    group: "records_money",
    max: 2,
    label: { en: "Stock counted and reorder level set", sw: "Bidhaa za stoo zinahesabiwa na kiwango cha kuagiza kimewekwa", am: "ክምችት ይቆጠራል፣ የድጋሚ ትዕዛዝ ደረጃም ተወስኗል", vi: "Kiểm kê hàng tồn và đặt mức đặt hàng lại" },
    help: {
      en: "1: stock is counted regularly. 2: it is counted and there is a set level at which to buy again.",
      sw: "1: stoo inahesabiwa mara kwa mara. 2: inahesabiwa na kuna kiwango kilichowekwa cha kununua tena.",
      am: "1: ክምችቱ በየጊዜው ይቆጠራል። 2: ይቆጠራል፣ እንደገና ለመግዛት የተወሰነ ደረጃም አለ።",
      vi: "1: hàng tồn được kiểm đều đặn. 2: có kiểm kê và có mức tồn quy định để mua thêm.",
    },
  },
  {
    key: "records_monthly_profit",
    group: "records_money",
    max: 1,
    label: { en: "Monthly profit worked out", sw: "Faida ya kila mwezi inakokotolewa", am: "ወርሃዊ ትርፍ ይሰላል", vi: "Tính lãi hằng tháng" },
    help: {
      en: "The owner has worked out last month's profit from the sales and cost records.",
      sw: "Mmiliki amekokotoa faida ya mwezi uliopita kutoka kumbukumbu za mauzo na gharama.",
      am: "ባለቤቱ ያለፈውን ወር ትርፍ ከሽያጭና ከወጪ መዝገቦች አስልቷል።",
      vi: "Chủ đã tính lãi tháng trước từ sổ doanh thu và chi phí.",
    },
  },
  // Customers and planning
  {
    key: "customers_feedback",
    group: "customers_planning",
    max: 1,
    label: { en: "Asked customers for feedback", sw: "Amewauliza wateja maoni yao", am: "ደንበኞችን አስተያየት ጠይቋል", vi: "Đã hỏi ý kiến khách hàng" },
    help: {
      en: "In the last month the owner asked customers what they liked and what to improve.",
      sw: "Katika mwezi uliopita mmiliki aliwauliza wateja walichopenda na cha kuboresha.",
      am: "ባለፈው ወር ባለቤቱ ደንበኞችን ምን እንደወደዱና ምን መሻሻል እንዳለበት ጠይቋል።",
      vi: "Trong tháng qua chủ đã hỏi khách hàng họ thích gì và cần cải thiện gì.",
    },
  },
  {
    key: "customers_prices",
    group: "customers_planning",
    max: 1,
    label: { en: "Compared prices with competitors", sw: "Amelinganisha bei na washindani", am: "ዋጋን ከተወዳዳሪዎች ጋር አነጻጽሯል", vi: "Đã so sánh giá với đối thủ" },
    help: {
      en: "The owner knows what nearby competitors charge for the main product.",
      sw: "Mmiliki anajua washindani wa karibu wanatoza bei gani kwa bidhaa kuu.",
      am: "ባለቤቱ በአቅራቢያ ያሉ ተወዳዳሪዎች ለዋናው ምርት ምን ያህል እንደሚያስከፍሉ ያውቃል።",
      vi: "Chủ biết các đối thủ gần đó bán sản phẩm chính với giá bao nhiêu.",
    },
  },
  {
    key: "planning_target",
    group: "customers_planning",
    max: 1,
    label: { en: "Has a written sales or improvement target", sw: "Ana lengo la mauzo au la kuboresha lililoandikwa", am: "የተጻፈ የሽያጭ ወይም የማሻሻያ ግብ አለው", vi: "Có mục tiêu doanh số hoặc cải tiến bằng văn bản" },
    help: {
      en: "A target with a number and a date is written down (for example on the wall or in the book).",
      sw: "Lengo lenye namba na tarehe limeandikwa (kwa mfano ukutani au kwenye daftari).",
      am: "ቁጥርና ቀን ያለው ግብ ተጽፏል (ለምሳሌ ግድግዳ ላይ ወይም በደብተር ውስጥ)።",
      vi: "Có mục tiêu ghi rõ con số và thời hạn (ví dụ trên tường hoặc trong sổ).",
    },
  },
  {
    key: "planning_monthly_review",
    group: "customers_planning",
    max: 1,
    label: { en: "Reviews the target monthly", sw: "Hupitia lengo kila mwezi", am: "ግቡን በየወሩ ይገመግማል", vi: "Xem lại mục tiêu hằng tháng" },
    help: {
      en: "Each month the owner compares the result with the target and decides the next step.",
      sw: "Kila mwezi mmiliki hulinganisha matokeo na lengo na kuamua hatua inayofuata.",
      am: "በየወሩ ባለቤቱ ውጤቱን ከግቡ ጋር ያነጻጽራል፣ ቀጣዩን እርምጃም ይወስናል።",
      vi: "Mỗi tháng chủ so sánh kết quả với mục tiêu và quyết định bước tiếp theo.",
    },
  },
];

const BY_KEY = new Map(CHECKLIST.map((item) => [item.key, item]));

export function checklistItem(key: string): ChecklistItem | undefined {
  return BY_KEY.get(key);
}

/**
 * The items a programme uses. `itemsOff` is the programme's comma list of switched-off keys
 * (unknown keys in it are ignored, so retiring an item never breaks a programme).
 */
export function enabledItems(itemsOff: string | null | undefined): ChecklistItem[] {
  const off = new Set((itemsOff ?? "").split(",").map((k) => k.trim()).filter(Boolean));
  return CHECKLIST.filter((item) => !off.has(item.key));
}
