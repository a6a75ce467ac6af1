from paxscreen.cli import main

main()
