import ArgumentParser
import Foundation
import WancunKit

struct DemoCommand: WancunCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "建一个演示数据库并导览 / Build a demo database from seed/ and show a tour.",
        discussion: """
            Writes wancun-demo.sqlite (or --db) from the real Haiyan divisions in seed/ and
            fictional demo data, then prints what a clerk would see. An existing file is
            replaced only if an earlier demo built it.
            It also makes one account of each role and prints their names and demo passwords (for
            trying the demo and `wancun serve` only); the month is approved by the demo's reviewer.
            Since accounts exist, `subsidy finalize` on the demo needs `--reviewer 吴审核`;
            --no-users leaves the accounts out (the CLI then works without maker-checker).
            """)

    static let databaseDefault: String? = "wancun-demo.sqlite"

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var display: TableOptions
    /// The demo makes its accounts unless told `--no-users` (`--users` is accepted as before).
    @Flag(inversion: .prefixedNo, help: "Make demo accounts, one of each role, and print their demo passwords (the default).")
    var users = true

    func run(_ ctx: Context) throws {
        let path = ctx.databasePath
        guard Demo.mayReplace(path) else { throw DemoRefusal(message: .demoExists(path)) }
        guard let seed = Demo.seedDirectory(environment: ctx.environment, executable: ctx.executable) else {
            throw DemoRefusal(message: .seedMissing)
        }
        Demo.removeEarlier(at: path)
        let db = try Demo.build(ctx.openDatabase(create: true), seed: seed, context: ctx.changeContext())
        ctx.say(.demoBuilt(path))
        ctx.out("\n")
        if users {
            ctx.say(.demoUsersHeading)
            for user in try Demo.addUsers(db, context: ctx.changeContext()) {
                ctx.say(.demoUser(user.account.name, user.account.role, town: user.townName, password: user.password))
            }
            ctx.out("\n")
        }
        try tourDivisions(db, ctx)
        ctx.out("\n")
        try tourPoints(db, ctx)
        ctx.out("\n")
        try tourCoverage(db, ctx)
        ctx.out("\n")
        try tourSubsidy(db, ctx, path: path)
    }

    func tourSubsidy(_ db: AppDatabase, _ ctx: Context, path: String) throws {
        ctx.say(.tourSubsidy)
        let roster = URL(fileURLWithPath: path).deletingPathExtension().path + "-花名册-\(Demo.activityMonth).xlsx"
        let review = users ? Review(reviewer: Demo.reviewerName, via: .cli) : nil
        let (info, export) = try Demo.runMonth(db, rosterPath: roster, review: review, context: ctx.changeContext())
        ctx.say(.runRecorded(info.run.id!, info.run.month, points: info.points, eligible: info.eligible, total: info.total))
        if !info.outOfScope.isEmpty { ctx.say(.outOfScopeCounted(info.outOfScope)) }
        let results = try db.subsidyResults(info.run.id!, only: .ineligible)
        ctx.out(
            ctx.renderer(reveal: false, wide: display.wide).aligned(
                Table(columns: SubsidyResult.columns, rows: results.map { $0.cells(ctx.language) })))
        ctx.say(.runFinalized(info.run.id!))
        if let reviewer = info.run.reviewer ?? review?.reviewer { ctx.say(.runReviewed(info.run.id!, clerk: info.run.clerk, reviewer: reviewer)) }
        ctx.say(.rosterWritten(export.path, rows: export.rows, total: export.total, manifest: export.manifestPath))
        ctx.say(.tourSubsidyNext(info.run.id!))
        ctx.out("\n")
        ctx.say(.tourReconcile)
        let answer = URL(fileURLWithPath: path).deletingPathExtension().path + "-人社局反馈-\(Demo.activityMonth).xlsx"
        try Demo.bureauAnswer(db, run: info.run.id!, to: answer)
        let report = try db.reconcileHR(run: info.run.id!, file: answer, options: ReconOptions(again: true), context: ctx.changeContext())
        ctx.show(report, reveal: false, wide: display.wide)
        ctx.say(.tourReconcileNext(answer, report.id))
    }

    func tourCoverage(_ db: AppDatabase, _ ctx: Context) throws {
        ctx.say(.tourCoverage)
        let report = try db.coverage(under: Demo.county, asOf: ctx.changeContext().today)
        ctx.out(ctx.renderer(reveal: false, wide: display.wide).aligned(report.table))
        ctx.say(.tourCoverageNext)
    }

    func tourPoints(_ db: AppDatabase, _ ctx: Context) throws {
        ctx.say(.tourPoints)
        let points = try db.points()
        let counts = PointStatus.allCases.map { status in
            "\(Message.pointStatus(status).text(ctx.language)) \(points.filter { $0.status == status }.count)"
        }
        ctx.say(.tourPointCounts(total: points.count, byStatus: counts.joined(separator: ctx.language == .zh ? "，" : ", ")))
        let notOperating = points.filter { $0.status != .operating }
        ctx.out(
            ctx.renderer(reveal: false, wide: display.wide).aligned(
                Table(columns: PointListing.columns, rows: notOperating.map { $0.cells(ctx.language) })))
        ctx.say(.tourPointsNext(points.first?.code ?? ""))
    }

    func tourDivisions(_ db: AppDatabase, _ ctx: Context) throws {
        ctx.say(.tourDivisions)
        let county = try db.division(Demo.county)
        let villages = try db.divisions(DivisionFilter(under: Demo.county, level: .village))
        let towns = try db.divisions(DivisionFilter(under: Demo.county, level: .town))
        let rural = villages.filter { $0.code.isRuralVillage }
        ctx.say(.tourDivisionCounts(county: county?.name ?? "", towns: towns.count, villages: villages.count, rural: rural.count))
        let table = Table(
            columns: [
                .init("code", Message.Header.code), .init("name", Message.TownHeader.town),
                .init("villages", Message.TownHeader.villages), .init("rural", Message.TownHeader.rural),
            ],
            rows: towns.map { town in
                let under = villages.filter { $0.parentCode == town.code }
                return [
                    .text(town.code.rawValue), .text(town.name), .integer(Int64(under.count)),
                    .integer(Int64(under.filter { $0.code.isRuralVillage }.count)),
                ]
            })
        ctx.out(ctx.renderer(reveal: false, wide: display.wide).aligned(table))
        ctx.say(.tourNext)
    }
}

/// A refusal the demo explains in the user's language.
struct DemoRefusal: UserFacingError {
    let message: Message
}
