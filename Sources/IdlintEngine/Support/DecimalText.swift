extension Double {
    /// The value with `places` digits after the point, rounded half to even: what
    /// printf's `%.Nf` writes for the seconds and megabytes idlint reports (its
    /// `String(format:)` is full Foundation's, which idlint does not link).
    package func written(places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(self) * scale).rounded(.toNearestOrEven)
        guard isFinite, scaled < 1e18 else { return String(self) }
        let units = UInt64(scaled), perUnit = UInt64(scale)
        let fraction = String(units % perUnit)
        let sign = self < 0 && units != 0 ? "-" : ""
        guard places > 0 else { return sign + String(units) }
        return sign + String(units / perUnit) + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
