package spotcheck.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import spotcheck.imports.RowKind;
import spotcheck.sheets.Column;
import spotcheck.validation.CreditCode;
import spotcheck.validation.IdNumber;

/**
 * Writes the demo rosters, {@code demo/inspectors.json} and {@code demo/targets.csv}, from a
 * fixed seed: the same files every time. The files are committed and {@code --demo} reads
 * them; {@link DemoFilesTest} checks they are still what this writes. After a change here:
 * {@code java -cp infra/target/test-classes:infra/target/spotcheck-local.jar spotcheck.local.DemoFiles
 * infra/src/main/resources/demo}.
 */
public final class DemoFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** A county bureau: its id, name, division code, towns, and how many demo targets it has. */
    record County(String id, String name, String code, List<String> towns, int targets, int inspectors) { }

    static final List<County> COUNTIES = List.of(
            new County("yuancheng", "源城区", "441602", List.of("源西街道", "东埔街道", "上城街道", "源南镇", "埔前镇",
                    "高埔岗街道"), 35, 3),
            new County("dongyuan", "东源县", "441625", List.of("仙塘镇", "灯塔镇", "骆湖镇", "船塘镇", "顺天镇", "上莞镇",
                    "曾田镇", "柳城镇", "义合镇", "蓝口镇", "黄田镇", "康禾镇", "新港镇", "双江镇", "半江镇"), 65, 5),
            new County("heping", "和平县", "441624", List.of("阳明镇", "彭寨镇", "东水镇", "林寨镇", "热水镇", "上陵镇",
                    "下车镇", "贝墩镇", "古寨镇", "大坝镇", "长塘镇", "合水镇", "浰源镇", "优胜镇"), 45, 4),
            new County("longchuan", "龙川县", "441622", List.of("老隆镇", "佗城镇", "鹤市镇", "黄布镇", "紫市镇", "通衢镇",
                    "登云镇", "丰稔镇", "四都镇", "铁场镇", "龙母镇", "田心镇", "黎咀镇", "赤光镇", "车田镇", "麻布岗镇"),
                    60, 5),
            new County("zijin", "紫金县", "441621", List.of("紫城镇", "龙窝镇", "九和镇", "上义镇", "蓝塘镇", "凤安镇",
                    "义容镇", "古竹镇", "临江镇", "柏埔镇", "黄塘镇", "敬梓镇", "水墩镇", "南岭镇", "好义镇"), 55, 4),
            new County("lianping", "连平县", "441623", List.of("元善镇", "上坪镇", "内莞镇", "陂头镇", "溪山镇", "隆街镇",
                    "田源镇", "油溪镇", "忠信镇", "高莞镇", "大湖镇", "三角镇", "绣缎镇"), 40, 4));

    /** A department: its id, how many inspectors it has, and the expertise its officers have. */
    record Department(String id, int inspectors, List<String> expertise) { }

    static final List<Department> DEPARTMENTS = List.of(
            new Department("hy-forestry-resources", 8, List.of("森林资源", "林地管理", "木材加工", "林木采伐")),
            new Department("hy-forestry-restoration", 5, List.of("林木种苗", "造林绿化", "生态修复")),
            new Department("hy-forestry-protection", 7, List.of("野生动物保护", "野生植物保护", "自然保护地", "古树名木")),
            new Department("hy-forestry-pest", 6, List.of("植物检疫", "林业有害生物防治")),
            new Department("hy-forestry-legal", 4, List.of("法制审核", "行政许可", "行政执法监督")));

    /** The city police bureau (an agency, not a forestry department): its officers check blasting units. */
    static final Department POLICE = new Department("hy-police", 4, List.of("爆破作业安全", "民用爆炸物品管理"));

    /** What each expertise tag qualifies an officer to inspect (item ids of demo/items.json). */
    static final Map<String, List<String>> ITEMS_BY_EXPERTISE = Map.ofEntries(
            Map.entry("森林资源", List.of("HYLY-001", "HYLY-002")), Map.entry("林木采伐", List.of("HYLY-001")),
            Map.entry("林地管理", List.of("HYLY-002")), Map.entry("木材加工", List.of("HYLY-003")),
            Map.entry("林木种苗", List.of("HYLY-004", "HYLY-005")), Map.entry("造林绿化", List.of("HYLY-005")),
            Map.entry("生态修复", List.of("HYLY-005")), Map.entry("野生动物保护", List.of("HYLY-006")),
            Map.entry("野生植物保护", List.of("HYLY-007")), Map.entry("自然保护地", List.of("HYLY-008")),
            Map.entry("古树名木", List.of("HYLY-009")), Map.entry("植物检疫", List.of("HYLY-010")),
            Map.entry("林业有害生物防治", List.of("HYLY-011")), Map.entry("法制审核", List.of("HYLY-012")),
            Map.entry("行政许可", List.of("HYLY-012")), Map.entry("行政执法监督", List.of("HYLY-012")));

    /** County bureaus do every forestry matter locally; their officers' expertise is drawn from these. */
    static final List<String> COUNTY_EXPERTISE = List.of("森林资源", "林地管理", "木材加工", "林木种苗", "野生动物保护",
            "野生植物保护", "植物检疫", "林业有害生物防治", "法制审核");

    static final String CERTIFICATE_PREFIX = "44160020";
    static final List<String> VALID_UNTIL = List.of("2027-06-30", "2027-12-31", "2028-06-30", "2028-12-31",
            "2029-06-30", "2029-12-31");
    /** Certificates that ran out in 2025 and were not renewed: the roster should show them. */
    static final List<String> EXPIRED = List.of("2025-03-31", "2025-06-30", "2025-12-31");
    static final List<String> LEFT = List.of("调离：2025年8月调任河源市自然资源局", "退休：2026年3月退休",
            "调离：2026年6月调往广东省林业局");

    /** Risk classes over all targets: mostly B, fewer A and C, few D. */
    static final Map<String, Integer> RISK = Map.of("A", 60, "B", 180, "C", 45, "D", 15);
    static final int CHECKSUM_MISMATCHES = 2;

    private static final List<String> SURNAMES = List.of("黄", "李", "陈", "张", "刘", "叶", "曾", "钟", "邱", "罗",
            "赖", "谢", "温", "朱", "廖", "骆", "古", "巫", "何", "杨", "林", "袁", "潘", "邓", "徐", "吴", "欧阳", "邬",
            "魏", "郑");
    private static final String GIVEN = "伟强芳敏军勇华平明辉建国志文玲丽红霞燕斌杰涛峰超鹏海林森春秋梅兰英娟锋东源新福荣添"
            + "嘉俊宏振永瑞桂金旭德胜育坤晓宇雪萍秀云琴锦亮";
    private static final List<String> BRANDS = List.of("绿源", "青山", "林丰", "森茂", "万绿", "翠峰", "宏林", "嘉木",
            "恒森", "兴林", "康禾", "桂山", "东江", "客家", "源兴", "佳木", "华林", "金穗", "永盛", "润林", "碧峰", "鸿运",
            "顺昌", "联兴", "合利", "盛源", "丰泽", "绿野", "春晓", "荣昌", "天成", "裕丰", "鑫源", "德林", "康达", "利民",
            "槎城", "龙源", "紫荆", "连丰", "和兴", "南岭", "九连", "新丰", "粤林", "山水", "翠竹", "福林", "瑞森", "长青");
    private static final List<String> VILLAGES = List.of("新村", "上村", "下村", "坪村", "岭村", "塘村", "坑村", "围村",
            "东村", "西村", "南村", "北村", "石村", "田村", "水村");

    /** A kind of target: type word as a bureau's file writes it, credit code prefix (null: none), items. */
    private record Trade(String type, String typeWord, String prefix, List<String> items, int count) { }

    private final Random random = new Random(20230731L);
    private final Map<String, Item> items;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedCodes = new HashSet<>();

    /** What the generator needs of an item of demo/items.json. */
    record Item(String itemId, String name, String department, List<String> targetTypes, boolean retired) { }

    /** One demo target as its row will say it. */
    record Target(String creditCode, String name, String type, String typeWord, County county, String riskClass,
                  List<String> items, String legalRep, String address, String phone, String idNumber) { }

    DemoFiles(Map<String, Item> items) {
        this.items = items;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "infra/src/main/resources/demo");
        Output files = generate();
        Files.writeString(dir.resolve("targets.csv"), files.targetsCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("inspectors.json"), files.inspectorsJson(), StandardCharsets.UTF_8);
    }

    /** Both files, from the item list on the class path. */
    static Output generate() throws IOException {
        Map<String, Item> items = new LinkedHashMap<>();
        try (InputStream in = DemoFiles.class.getResourceAsStream("/demo/items.json")) {
            List<Map<String, Object>> list = JSON.readValue(in, new TypeReference<>() { });
            for (Map<String, Object> i : list) {
                @SuppressWarnings("unchecked")
                List<String> types = (List<String>) i.get("targetTypes");
                items.put((String) i.get("itemId"), new Item((String) i.get("itemId"), (String) i.get("name"),
                        (String) i.get("department"), types, i.containsKey("retire")));
            }
        }
        DemoFiles g = new DemoFiles(items);
        List<Target> targets = g.targets();
        List<Map<String, Object>> inspectors = g.inspectors(targets);
        return new Output(csv(items, targets), json(inspectors));
    }

    /** The two files' text. */
    record Output(String targetsCsv, String inspectorsJson) { }

    // ---- targets ------------------------------------------------------------------------------

    List<Target> targets() {
        List<Trade> trades = List.of(
                new Trade("enterprise", "企业", "91", List.of("HYLY-003", "HYLY-010"), 40),
                new Trade("enterprise", "企业", "91", List.of("HYLY-004", "HYLY-005", "HYLY-010"), 25),
                new Trade("enterprise", "企业", "91", List.of("HYLY-004", "HYLY-012"), 12),
                new Trade("enterprise", "企业", "91", List.of("HYLY-001", "HYLY-011", "HYLY-012"), 30),
                new Trade("enterprise", "企业", "91", List.of("HYLY-006", "HYLY-012"), 12),
                new Trade("enterprise", "企业", "91", List.of("HYLY-007"), 8),
                new Trade("enterprise", "企业", "91", List.of("HYLY-002", "HYLY-011"), 17),
                new Trade("enterprise", "企业", "91", List.of("HYGA-001"), 6),
                new Trade("individual", "个体工商户", "92", List.of("HYLY-003", "HYLY-010"), 30),
                new Trade("individual", "个体工商户", "92", List.of("HYLY-004", "HYLY-010"), 20),
                new Trade("individual", "个体工商户", "92", List.of("HYLY-001"), 18),
                new Trade("individual", "个体工商户", "92", List.of("HYLY-006"), 10),
                new Trade("individual", "个体工商户", "92", List.of("HYLY-007"), 12),
                new Trade("other", "农民专业合作社", "93", List.of("HYLY-009"), 10),
                new Trade("product", "产品", null, List.of("HYLY-005", "HYLY-010"), 20),
                new Trade("project", "项目", null, List.of("HYLY-002", "HYLY-008"), 12),
                new Trade("project", "项目", null, List.of("HYLY-011"), 5),
                new Trade("project", "项目", null, List.of("HYLY-001"), 5),
                new Trade("behavior", "行为", null, List.of("HYLY-007", "HYLY-009"), 8));
        List<Trade> slots = new ArrayList<>();
        trades.forEach(t -> slots.addAll(Collections.nCopies(t.count(), t)));
        List<County> counties = new ArrayList<>();
        COUNTIES.forEach(c -> counties.addAll(Collections.nCopies(c.targets(), c)));
        List<String> risks = new ArrayList<>();
        List.of("A", "B", "C", "D").forEach(r -> risks.addAll(Collections.nCopies(RISK.get(r), r)));
        if (slots.size() != counties.size() || slots.size() != risks.size()) {
            throw new IllegalStateException(slots.size() + " trades, " + counties.size() + " county places, "
                    + risks.size() + " risk classes");
        }
        Collections.shuffle(slots, random);
        Collections.shuffle(risks, random);
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            targets.add(target(slots.get(i), counties.get(i), risks.get(i), trades.indexOf(slots.get(i))));
        }
        // Early codes whose check character is wrong: imported, flagged credit_code_checksum for review.
        List<Integer> coded = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).creditCode() != null) {
                coded.add(i);
            }
        }
        for (int k = 0; k < CHECKSUM_MISMATCHES; k++) {
            int i = coded.get((2 * k + 1) * coded.size() / (2 * CHECKSUM_MISMATCHES));
            Target t = targets.get(i);
            char right = t.creditCode().charAt(17);
            char wrong = CODE_CHARS.charAt((CODE_CHARS.indexOf(right) + 7) % CODE_CHARS.length());
            targets.set(i, new Target(t.creditCode().substring(0, 17) + wrong, t.name(), t.type(), t.typeWord(),
                    t.county(), t.riskClass(), t.items(), t.legalRep(), t.address(), t.phone(), t.idNumber()));
        }
        return targets;
    }

    private Target target(Trade trade, County county, String risk, int tradeIndex) {
        String town = pick(county.towns());
        String person = person();
        String name = uniqueName(county, town, person, tradeIndex);
        String code = trade.prefix() == null ? null : creditCode(trade.prefix(), county);
        boolean registered = code != null;
        String legalRep = registered ? person : null;
        String address = registered ? (random.nextInt(10) < 7 ? "河源市" + county.name() + town + pick(VILLAGES)
                + (1 + random.nextInt(120)) + "号" : null)
                : trade.type().equals("project") && random.nextBoolean() ? "河源市" + county.name() + town : null;
        String phone = registered && random.nextInt(10) < 6 ? phone() : null;
        String idNumber = trade.type().equals("individual") && random.nextInt(10) == 0 ? idNumber(county) : null;
        return new Target(code, name, trade.type(), trade.typeWord(), county, risk, trade.items(), legalRep, address,
                phone, idNumber);
    }

    private String uniqueName(County county, String town, String person, int tradeIndex) {
        for (int tries = 0; ; tries++) {
            String brand = pick(BRANDS);
            String townShort = town.replaceAll("(镇|街道)$", "");
            String name = switch (tradeIndex) {
                case 0 -> county.name() + brand + (random.nextBoolean() ? "木业有限公司" : "木材加工有限公司");
                case 1 -> county.name() + brand + (random.nextBoolean() ? "苗木种植有限公司" : "园林绿化有限公司");
                case 2 -> "河源市" + brand + (random.nextBoolean() ? "林木种子有限公司" : "种业有限公司");
                case 3 -> county.name() + townShort + brand + (random.nextBoolean() ? "林业发展有限公司" : "林场有限公司");
                case 4 -> county.name() + brand + (random.nextBoolean() ? "生态养殖有限公司" : "特种养殖有限公司");
                case 5 -> county.name() + brand + "中药材有限公司";
                case 6 -> county.name() + brand + (random.nextBoolean() ? "矿业有限公司" : "水电开发有限公司");
                case 7 -> "河源市" + brand + "爆破工程有限公司";
                case 8 -> county.name() + town + person + "木材加工厂";
                case 9 -> county.name() + town + brand + "苗圃";
                case 10 -> county.name() + town + person + "家庭林场";
                case 11 -> county.name() + town + brand + "养殖场";
                case 12 -> county.name() + town + person + "药材收购店";
                case 13 -> county.name() + townShort + brand + (random.nextBoolean() ? "油茶种植专业合作社"
                        : "林业专业合作社");
                case 14 -> county.name() + townShort + pick(List.of("杉木", "马尾松", "油茶", "红锥", "樟树", "木荷",
                        "枫香", "火力楠")) + pick(List.of("容器苗", "裸根苗", "嫁接苗")) + "（" + brand + "苗圃 2026年"
                        + pick(List.of("春季", "秋季")) + "批次）";
                case 15 -> county.name() + townShort + pick(List.of("光伏发电项目", "风电场项目", "110千伏输变电工程",
                        "乡村道路改造工程", "采石场扩建项目", "小水电站改造项目")) + "（使用林地" + (2 + random.nextInt(40))
                        + "公顷）";
                case 16 -> county.name() + townShort + "松材线虫病疫木除治项目（" + (2024 + random.nextInt(3)) + "年度第"
                        + (1 + random.nextInt(4)) + "标段）";
                case 17 -> county.name() + townShort + pick(VILLAGES) + "林木采伐作业（采伐证" + county.code()
                        + "2026" + String.format("%04d", 1 + random.nextInt(9999)) + "）";
                case 18 -> county.name() + townShort + pick(List.of("圩日野生兰花出售", "古树名木周边施工",
                        "保护地内挖沙取土", "野生植物采挖")) + "行为";
                default -> throw new IllegalArgumentException("trade " + tradeIndex);
            };
            if (usedNames.add(name)) {
                return name;
            }
            if (tries > 1000) {
                throw new IllegalStateException("no unique name for trade " + tradeIndex + " in " + county.name());
            }
        }
    }

    /** A GB 32100 code: prefix, the county's division code, an organisation code as issued since 2015, check. */
    private String creditCode(String prefix, County county) {
        while (true) {
            StringBuilder org = new StringBuilder(prefix.equals("92") && random.nextInt(3) == 0 ? "L" : "MA"
                    + (random.nextBoolean() ? "4" : "5"));
            while (org.length() < 9) {
                org.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
            }
            String first17 = prefix + county.code() + org;
            String code = first17 + CreditCode.checkCharacter(first17);
            if (usedCodes.add(code)) {
                return code;
            }
        }
    }

    private String idNumber(County county) {
        int year = 1962 + random.nextInt(36);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(28);
        String first17 = county.code() + String.format("%04d%02d%02d%03d", year, month, day, random.nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    private String phone() {
        if (random.nextInt(4) == 0) {
            return "0762-" + (3000000 + random.nextInt(7000000));
        }
        String head = pick(List.of("130", "133", "135", "136", "137", "138", "139", "150", "152", "158", "159", "180",
                "186", "188", "189"));
        return head + String.format("%08d", random.nextInt(100_000_000));
    }

    private String person() {
        char first = GIVEN.charAt(random.nextInt(GIVEN.length()));
        char second = GIVEN.charAt(random.nextInt(GIVEN.length()));
        String name = pick(SURNAMES) + first;
        return random.nextInt(3) == 0 || second == first ? name : name + second;
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    static String csv(Map<String, Item> items, List<Target> targets) {
        List<? extends Column<?>> columns = RowKind.named("targets").orElseThrow().columns().stream()
                .filter(Column::imported).toList();
        StringBuilder s = new StringBuilder();
        s.append(String.join(",", columns.stream().map(Column::header).toList())).append('\n');
        for (Target t : targets) {
            List<String> cells = new ArrayList<>();
            for (Column<?> c : columns) {
                cells.add(switch (c.field()) {
                    case "creditCode" -> t.creditCode();
                    case "name" -> t.name();
                    case "type" -> t.typeWord();
                    case "county" -> t.county().name();
                    case "riskClass" -> t.riskClass();
                    case "items" -> String.join("、", t.items().stream().map(i -> items.get(i).name()).toList());
                    case "legalRep" -> t.legalRep();
                    case "address" -> t.address();
                    case "contactPhone" -> t.phone();
                    case "idNumber" -> t.idNumber();
                    case "status" -> "存续";
                    default -> throw new IllegalStateException("a target column the demo does not fill: " + c.field());
                });
            }
            s.append(String.join(",", cells.stream().map(DemoFiles::cell).toList())).append('\n');
        }
        return s.toString();
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    // ---- inspectors ---------------------------------------------------------------------------

    List<Map<String, Object>> inspectors(List<Target> targets) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> usedPeople = new HashSet<>();
        int serial = 0;
        for (Department d : DEPARTMENTS) {
            List<String> own = items.values().stream().filter(i -> i.department().equals(d.id()) && !i.retired())
                    .map(Item::itemId).toList();
            for (int n = 0; n < d.inspectors(); n++) {
                // Each expertise comes first for someone, so every item of the department has officers.
                List<String> expertise = expertise(d.expertise(), d.expertise().get(n % d.expertise().size()));
                List<String> qualified = own.size() <= 2 ? own : qualified(expertise).stream().filter(own::contains)
                        .toList();
                serial += 1 + random.nextInt(3);
                out.add(inspector(uniquePerson(usedPeople), d.id(), serial, qualified, expertise));
            }
        }
        for (County c : COUNTIES) {
            for (int n = 0; n < c.inspectors(); n++) {
                List<String> expertise = expertise(COUNTY_EXPERTISE, pick(COUNTY_EXPERTISE));
                serial += 1 + random.nextInt(3);
                out.add(inspector(uniquePerson(usedPeople), c.id(), serial, qualified(expertise), expertise));
            }
        }
        // Three certificates ran out, three officers left, four declared conflicts: each a different officer.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        for (int k = 0; k < EXPIRED.size(); k++) {
            out.get(order.get(k)).put("certificateValidUntil", EXPIRED.get(k));
        }
        for (int k = 0; k < LEFT.size(); k++) {
            out.get(order.get(EXPIRED.size() + k)).put("deactivate", LEFT.get(k));
        }
        int conflicts = 0;
        for (int k = EXPIRED.size() + LEFT.size(); conflicts < 4; k++) {
            Map<String, Object> inspector = out.get(order.get(k));
            String org = (String) inspector.get("org");
            // A county officer is related to businesses of their own county; a department officer to anyone's.
            List<String> candidates = targets.stream().filter(t -> t.creditCode() != null
                    && CreditCode.check(t.creditCode()).verdict() == CreditCode.Verdict.VALID
                    && (org.startsWith("hy-") || t.county().id().equals(org))).map(Target::creditCode).toList();
            Set<String> declared = new LinkedHashSet<>();
            int count = 1 + random.nextInt(2);
            while (declared.size() < count) {
                declared.add(pick(candidates));
            }
            inspector.put("conflicts", List.copyOf(declared));
            conflicts++;
        }
        // The city police bureau's officers for the joint check of blasting units (部门联合抽查), added last so
        // that everyone before them is as before; all active, with valid certificates and no conflicts.
        List<String> police = items.values().stream().filter(i -> i.department().equals(POLICE.id())
                && !i.retired()).map(Item::itemId).toList();
        for (int n = 0; n < POLICE.inspectors(); n++) {
            serial += 1 + random.nextInt(3);
            out.add(inspector(uniquePerson(usedPeople), POLICE.id(), serial, police,
                    expertise(POLICE.expertise(), POLICE.expertise().get(n % POLICE.expertise().size()))));
        }
        return out;
    }

    private List<String> expertise(List<String> pool, String first) {
        List<String> tags = new ArrayList<>(List.of(first));
        int extra = random.nextInt(3);
        for (int i = 0; i < extra; i++) {
            String tag = pick(pool);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private static List<String> qualified(List<String> expertise) {
        Set<String> ids = new LinkedHashSet<>();
        expertise.forEach(e -> ids.addAll(ITEMS_BY_EXPERTISE.get(e)));
        return ids.stream().sorted().toList();
    }

    private String uniquePerson(Set<String> used) {
        while (true) {
            String p = person();
            if (used.add(p)) {
                return p;
            }
        }
    }

    private Map<String, Object> inspector(String name, String org, int serial, List<String> qualified,
                                          List<String> expertise) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("name", name);
        i.put("org", org);
        i.put("certificateNo", CERTIFICATE_PREFIX + String.format("%03d", serial));
        i.put("certificateValidUntil", pick(VALID_UNTIL));
        i.put("qualifiedItems", qualified);
        i.put("expertise", expertise);
        i.put("conflicts", List.of());
        return i;
    }

    /** One inspector a line, as items.json is laid out. */
    static String json(List<Map<String, Object>> inspectors) throws IOException {
        StringBuilder s = new StringBuilder("[\n");
        for (int i = 0; i < inspectors.size(); i++) {
            s.append("  ").append(JSON.writeValueAsString(inspectors.get(i))
                    .replace("\":", "\": ").replace(",\"", ", \""))
                    .append(i + 1 < inspectors.size() ? ",\n" : "\n");
        }
        return s.append("]\n").toString();
    }
}
