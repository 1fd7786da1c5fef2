import App

@main
enum HopTac {
    static func main() async {
        await HopTacCommand.main()
    }
}
