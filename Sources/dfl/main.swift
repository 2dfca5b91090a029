import DFLCLI

DFLCommand.main()
