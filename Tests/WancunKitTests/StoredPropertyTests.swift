import Testing

@testable import WancunKit

@Suite struct StoredPropertyTests {
    struct Record {
        var name = "甲"
        var note: String?
        var count = 0
        var share: Double?
        var status = PointStatus.planned
        var doubled: Int {
            get { count * 2 }
            set { count = newValue / 2 }
        }
    }

    /// Each kind of stored property is read and written at its offset as through its key path,
    /// and a computed one through its key path.
    @Test func readsAndWritesAsTheKeyPathDoes() {
        var record = Record()
        let name = StoredProperty(\Record.name)
        let note = StoredProperty(\Record.note)
        let count = StoredProperty(\Record.count)
        let share = StoredProperty(\Record.share)
        let status = StoredProperty(\Record.status)
        let doubled = StoredProperty(\Record.doubled)
        #expect(name.offset != nil && note.offset != nil && status.offset != nil && doubled.offset == nil)
        name.set(&record, "新丰村电商服务站，一个比小字符串长的名字")
        note.set(&record, "备注")
        count.set(&record, 7)
        share.set(&record, 0.25)
        status.set(&record, .operating)
        #expect(record.name == "新丰村电商服务站，一个比小字符串长的名字" && record.note == "备注" && record.count == 7)
        #expect(record.share == 0.25 && record.status == .operating)
        #expect(name.get(record) == record.name && note.get(record) == "备注" && count.get(record) == 7 && status.get(record) == .operating)
        doubled.set(&record, 20)
        #expect(record.count == 10 && doubled.get(record) == 20)
        note.set(&record, nil)
        #expect(record.note == nil && note.get(record) == nil)
        // A value read out stays whole after the record changes.
        let kept = name.get(record)
        name.set(&record, "乙")
        #expect(kept == "新丰村电商服务站，一个比小字符串长的名字" && record.name == "乙")
    }
}
