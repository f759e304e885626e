import Foundation

/// Items passed from a producing thread to a consuming one, in order, with at most `capacity`
/// waiting: the producer waits while the consumer is behind, so memory stays small however
/// long the stream. Either side may end it: the producer when it has no more, the consumer
/// when it wants no more.
final class Handover<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var ended = false
    private var stopped = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Producer: hands over an item, waiting for room. False when the consumer has stopped, and
    /// the producer should give up.
    func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !stopped { condition.wait() }
        if stopped { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Producer: there are no more items. Call it last, whatever happened.
    func end() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: the next item, waiting for it; nil after the last.
    func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !ended { condition.wait() }
        if items.isEmpty { return nil }
        condition.broadcast()
        return items.removeFirst()
    }

    /// Consumer: no more items are wanted; the producer's next `put` says so.
    func stop() {
        condition.lock()
        stopped = true
        items.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the producer has ended.
    func waitForEnd() {
        condition.lock()
        while !ended { condition.wait() }
        condition.unlock()
    }

    /// Whether the consumer has stopped: the producer may look before costly work.
    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }
}
