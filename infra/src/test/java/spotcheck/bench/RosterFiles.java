package spotcheck.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import spotcheck.sheets.SheetWriter;
import spotcheck.sheets.Sheets;
import spotcheck.validation.CreditCode;
import spotcheck.validation.IdNumber;

/**
 * Target rosters as a county bureau exports them: 东源县 enterprises, sole traders and
 * co-operatives with credit codes that pass GB 32100, legal representatives, addresses down
 * to the village and house number, phones, and ID numbers for sole traders. Rows are the same
 * for the same seed and index, so CSV and XLSX of one size hold the same roster.
 */
final class RosterFiles {
    static final Charset GBK = Charset.forName("GBK");
    static final List<String> HEADER = List.of("统一社会信用代码", "名称", "类型", "所属县区", "信用风险等级", "抽查事项",
            "法定代表人", "地址", "联系电话", "身份证号", "状态");
    /** One row in this many has a phone nobody can dial, so the error report has something in it. */
    static final int BAD_EVERY = 200;

    private static final String CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final long CODE_SPACE = pow(31, 9);
    private static final String[] TOWNS = {"仙塘镇", "灯塔镇", "骆湖镇", "船塘镇", "顺天镇", "上莞镇", "曾田镇", "柳城镇",
        "义合镇", "蓝口镇", "黄田镇", "叶潭镇", "黄村镇", "康禾镇", "锡场镇", "新港镇", "双江镇", "涧头镇", "新回龙镇",
        "半江镇", "漳溪畲族乡"};
    private static final String[] VILLAGE_WORDS = {"上", "下", "新", "东", "西", "南", "北", "石", "塘", "坑", "岭",
        "坪", "田", "溪", "湖", "山", "江", "龙", "凤", "竹", "林", "桥", "围", "口", "岗", "背", "头", "洞", "寨"};
    private static final String[] BRANDS = {"绿源", "青山", "林丰", "万绿", "森茂", "华林", "金穗", "丰盛", "兴旺", "宏达",
        "永固", "恒泰", "新桂", "翠峰", "碧湖", "东江", "客家", "南岭", "嘉禾", "福源", "瑞林", "鸿运", "茂盛", "松涛"};
    private static final String[] ENTERPRISES = {"木材加工厂", "林业有限公司", "苗木有限公司", "竹木制品厂", "林产化工有限公司",
        "家具制造有限公司", "生态农业发展有限公司", "油茶种植有限公司", "木业有限公司", "园林绿化工程有限公司"};
    private static final String[] SOLE_TRADERS = {"木材经营部", "苗木场", "竹制品店", "木材加工场", "林产品商行", "花木场"};
    private static final String[] COOPERATIVES = {"油茶专业合作社", "林业专业合作社", "苗木种植专业合作社", "竹笋专业合作社",
        "中药材种植专业合作社"};
    private static final String SURNAMES = "陈李黄张刘叶曾王钟邱罗赖谢潘朱吴林何杨古温廖邓徐骆";
    private static final String GIVEN = "国建伟明华志强文军平东海宏金荣新春秀英丽娟芳燕玲桂兰红梅永福德贵生辉";
    private static final String[] RISK = {"A", "A类", "低风险", "B", "B类", "一般", "B", "一般风险", "C", "C类", "较高风险", "D"};
    private static final String[] PHONE_PREFIXES = {"135", "136", "137", "138", "139", "150", "151", "158", "159", "186",
        "188", "189", "133", "177"};

    private final String county;
    private final List<String> items;
    private final long seed;

    RosterFiles(String county, List<String> items, long seed) {
        this.county = county;
        this.items = items;
        this.seed = seed;
    }

    /** Row {@code i} (from 0) of the roster. */
    List<String> row(int i) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
        int kind = r.nextInt(10);
        String type;
        String codeType;
        String name;
        String town = TOWNS[r.nextInt(TOWNS.length)];
        String townShort = town.substring(0, town.length() - 1);
        if (kind < 7) {
            type = r.nextInt(5) == 0 ? "公司" : "企业";
            codeType = "91";
            name = (r.nextBoolean() ? "河源市" : "东源县") + BRANDS[r.nextInt(BRANDS.length)]
                    + ENTERPRISES[r.nextInt(ENTERPRISES.length)];
        } else if (kind < 9) {
            type = "个体工商户";
            codeType = "92";
            name = "东源县" + townShort + person(r).charAt(0) + "记" + SOLE_TRADERS[r.nextInt(SOLE_TRADERS.length)];
        } else {
            type = "农民专业合作社";
            codeType = "93";
            name = "东源县" + townShort + BRANDS[r.nextInt(BRANDS.length)] + COOPERATIVES[r.nextInt(COOPERATIVES.length)];
        }
        String legalRep = person(r);
        String address = "广东省河源市东源县" + town + village(r) + "村" + (r.nextBoolean() ? "委会旁" : village(r) + "组")
                + (1 + r.nextInt(188)) + "号";
        String phone = i % BAD_EVERY == BAD_EVERY - 1 ? "电话待补"
                : PHONE_PREFIXES[r.nextInt(PHONE_PREFIXES.length)] + String.format("%08d", r.nextInt(100_000_000));
        String idNumber = "个体工商户".equals(type) ? idNumber(r) : "";
        String item = r.nextInt(4) == 0 ? items.get(0) + "、" + items.get(1) : items.get(r.nextInt(items.size()));
        String status = r.nextInt(50) == 0 ? "注销" : "存续";
        return List.of(creditCode(codeType, i), name, type, county, RISK[r.nextInt(RISK.length)], item, legalRep,
                address, phone, idNumber, status);
    }

    /** Rows that should be rejected among the first {@code rows}. */
    static int badRows(int rows) {
        return rows / BAD_EVERY;
    }

    /** A GBK CSV with CRLF line ends, as Excel saves it on a Chinese Windows machine; answers its size. */
    long writeCsv(Path file, int rows) throws IOException {
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), GBK),
                1 << 16)) {
            writeCsvLine(out, HEADER);
            for (int i = 0; i < rows; i++) {
                writeCsvLine(out, row(i));
            }
        }
        return Files.size(file);
    }

    /** The same rows as an XLSX workbook (inline strings, streamed); answers its size. */
    long writeXlsx(Path file, int rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); SheetWriter w = Sheets.xlsxWriter(out, "检查对象名录")) {
            w.writeRow(HEADER);
            for (int i = 0; i < rows; i++) {
                w.writeRow(row(i));
            }
        }
        return Files.size(file);
    }

    private static void writeCsvLine(BufferedWriter out, List<String> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0) {
                cell = "\"" + cell.replace("\"", "\"\"") + "\"";
            }
            if (c > 0) {
                out.write(',');
            }
            out.write(cell);
        }
        out.write("\r\n");
    }

    /** A unique code per row: the row number spread over the nine-character body by a bijection mod 31^9. */
    private String creditCode(String prefix, int i) {
        long body = Math.floorMod((i + 1 + seed) * 1_000_000_007L, CODE_SPACE);
        StringBuilder code = new StringBuilder(prefix).append("441625");
        char[] chars = new char[9];
        for (int k = 8; k >= 0; k--) {
            chars[k] = CODE_CHARS.charAt((int) (body % 31));
            body /= 31;
        }
        code.append(chars);
        return code.append(CreditCode.checkCharacter(code.toString())).toString();
    }

    private static String person(SplittableRandom r) {
        StringBuilder name = new StringBuilder().append(SURNAMES.charAt(r.nextInt(SURNAMES.length())));
        int given = r.nextInt(3) == 0 ? 1 : 2;
        for (int k = 0; k < given; k++) {
            name.append(GIVEN.charAt(r.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    private static String village(SplittableRandom r) {
        return VILLAGE_WORDS[r.nextInt(VILLAGE_WORDS.length)] + VILLAGE_WORDS[r.nextInt(VILLAGE_WORDS.length)];
    }

    private static String idNumber(SplittableRandom r) {
        String first17 = "441625" + (1955 + r.nextInt(46)) + String.format("%02d%02d", 1 + r.nextInt(12),
                1 + r.nextInt(28)) + String.format("%03d", r.nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    private static long pow(long base, int exp) {
        long v = 1;
        for (int k = 0; k < exp; k++) {
            v *= base;
        }
        return v;
    }
}
