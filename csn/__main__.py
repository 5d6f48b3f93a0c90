from csn.cli import main

main()
