package io.parkops.sim.fleet;

import java.util.List;

/**
 * Who the 18 generated parks of the simulated estate are: tenant, display name, address, time
 * zone, grid emission factor and what kind of park each is. Invented parks in real regions; their
 * sizes and buildings come from {@link Estate}. Emission factors are rounded grid averages
 * (kgCO2e/kWh) of the country, good enough for a demo's kgCO2e, not for a carbon report.
 */
final class EstateParks {

    /** What a park is built for decides its buildings, floors and devices. */
    enum Profile {
        /** office towers with fiber to the desk */
        OFFICE("Tower", 30_000, 12, 32, 0.25),
        /** low-rise research buildings */
        CAMPUS("R&D building", 12_000, 3, 8, 0.6),
        /** factory halls with rooftops */
        INDUSTRIAL("Hall", 20_000, 1, 3, 0.9),
        /** warehouses, the largest rooftops */
        LOGISTICS("Warehouse", 35_000, 1, 2, 1.0);

        final String buildingName;
        final int typicalBuildingM2;
        final int minFloors;
        final int maxFloors;
        /** share of buildings with PV on the roof */
        final double pvShare;

        Profile(String buildingName, int typicalBuildingM2, int minFloors, int maxFloors, double pvShare) {
            this.buildingName = buildingName;
            this.typicalBuildingM2 = typicalBuildingM2;
            this.minFloors = minFloors;
            this.maxFloors = maxFloors;
            this.pvShare = pvShare;
        }
    }

    record Park(String tenant, String name, String address, String timeZone, double gridEmissionFactor,
                Profile profile, boolean fiber, boolean drones) {
    }

    private static final String CN = "Asia/Shanghai";
    private static final double CN_GRID = 0.5703;

    static final List<Park> ALL = List.of(
            new Park("binhai-logistics", "Binhai Logistics Park", "18 Gangwan Road, Binhai New Area, Tianjin", CN, CN_GRID,
                    Profile.LOGISTICS, false, true),
            new Park("songjiang-works", "Songjiang Smart Manufacturing Park", "66 Xinfei Road, Songjiang, Shanghai", CN, CN_GRID,
                    Profile.INDUSTRIAL, false, false),
            new Park("qiantang-science", "Qiantang Science Park", "9 Haida Road, Qiantang, Hangzhou", CN, CN_GRID,
                    Profile.CAMPUS, true, false),
            new Park("guanggu-valley", "Guanggu Photonics Valley", "77 Gaoxin Avenue, Donghu, Wuhan", CN, CN_GRID,
                    Profile.OFFICE, true, false),
            new Park("xixian-airside", "Xixian Airside Economy Park", "3 Konggang Road, Xixian, Xi'an", CN, CN_GRID,
                    Profile.INDUSTRIAL, false, true),
            new Park("nansha-port", "Nansha Port Logistics Park", "120 Gangqian Avenue, Nansha, Guangzhou", CN, CN_GRID,
                    Profile.LOGISTICS, false, false),
            new Park("lingang-aero", "Lingang Aerospace Park", "500 Shuiyun Road, Lingang, Shanghai", CN, CN_GRID,
                    Profile.INDUSTRIAL, false, true),
            new Park("suzhou-bay", "Suzhou Bay Digital Park", "28 Taihu East Road, Wujiang, Suzhou", CN, CN_GRID,
                    Profile.OFFICE, true, false),
            new Park("tianfu-cloud", "Tianfu Cloud Valley", "1 Yunhu Street, Tianfu New Area, Chengdu", CN, CN_GRID,
                    Profile.OFFICE, true, true),
            new Park("liangjiang-auto", "Liangjiang Auto Parts Park", "88 Jinyu Avenue, Liangjiang, Chongqing", CN, CN_GRID,
                    Profile.INDUSTRIAL, false, false),
            new Park("jimei-campus", "Jimei Innovation Campus", "15 Xinglin Bay Road, Jimei, Xiamen", CN, CN_GRID,
                    Profile.CAMPUS, false, false),
            new Park("shushan-hightech", "Shushan High-Tech Park", "6 Wangjiang West Road, Shushan, Hefei", CN, CN_GRID,
                    Profile.CAMPUS, true, false),
            new Park("bluebay-marine", "Blue Bay Marine Tech Park", "21 Haier Road, Laoshan, Qingdao", CN, CN_GRID,
                    Profile.CAMPUS, false, true),
            new Park("xingsha-lowalt", "Xingsha Low-Altitude Park", "39 Kaiyuan East Road, Xingsha, Changsha", CN, CN_GRID,
                    Profile.INDUSTRIAL, false, true),
            new Park("dianchi-trade", "Dianchi Cross-Border Trade Park", "7 Guandu Road, Guandu, Kunming", CN, CN_GRID,
                    Profile.LOGISTICS, false, false),
            new Park("senai-link", "Senai Link Industrial Park", "2 Jalan Lapangan Terbang, Senai, Johor, Malaysia",
                    "Asia/Kuala_Lumpur", 0.585, Profile.INDUSTRIAL, false, false),
            new Park("haiphong-eastgate", "Haiphong East Gate Park", "45 Le Thanh Tong Street, Hai An, Haiphong, Vietnam",
                    "Asia/Ho_Chi_Minh", 0.681, Profile.LOGISTICS, false, false),
            new Park("jurong-quarter", "Jurong Tech Quarter", "10 Jurong Gateway Road, Singapore", "Asia/Singapore", 0.412,
                    Profile.OFFICE, true, false));

    private EstateParks() {
    }
}
