; Inno Setup 6 script of 政务公开工作台 for Windows (see the README, “Windows 安装包”).
; Build the bundle first (python -m PyInstaller --noconfirm packaging\zhengwu-gongkai.spec), then from the project's
; root:  "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\zhengwu-gongkai.iss
; The installer goes to dist\installer\. Uninstalling removes the program only: the office's data in
; %LOCALAPPDATA%\ZhengwuGongkai (database, stored files, backups, log) is never touched by it.

#ifndef AppVersion
  #error Give the version: /DAppVersion=x.y.z (the one in app\__init__.py)
#endif

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6F1C2B0E-5A43-4D8E-9C7B-2E3A1D9F4B60}
AppName=政务公开工作台
AppVersion={#AppVersion}
AppVerName=政务公开工作台 {#AppVersion}
AppPublisher=政务公开工作台
DefaultDirName={autopf}\ZhengwuGongkai
DefaultGroupName=政务公开工作台
DisableProgramGroupPage=yes
; per user by default (no administrator needed on a locked-down office PC); an administrator may install for all
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=zhengwu-gongkai-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\zhengwu-gongkai.exe
UninstallDisplayName=政务公开工作台

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; the whole one-folder bundle (zhengwu-gongkai.exe, zhengwu-gongkai-cli.exe, _internal\)
Source: "..\..\dist\zhengwu-gongkai\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\政务公开工作台"; Filename: "{app}\zhengwu-gongkai.exe"
Name: "{group}\卸载政务公开工作台"; Filename: "{uninstallexe}"
Name: "{autodesktop}\政务公开工作台"; Filename: "{app}\zhengwu-gongkai.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\zhengwu-gongkai.exe"; Description: "{cm:LaunchProgram,政务公开工作台}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry: only the files installed above are removed, the data folder stays.
