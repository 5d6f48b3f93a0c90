from csn.cli.main import main

main()
