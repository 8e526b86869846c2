# Debian roots for building and proving the .deb (sourced by build-deb.sh and prove-deb.sh).
#
# A root is made once per suite with debootstrap and kept as a tarball in $RW_ROOTS; each use unpacks a
# fresh copy. Commands run in a root through `unshare --mount` + chroot, so /proc and /dev are mounted only
# for that command and vanish with it, whatever happens. Needs root (CI and the dev machines run as root).

RW_ROOTS="${RW_ROOTS:-$PWD/build/roots}"
RW_MIRROR="${RW_MIRROR:-http://deb.debian.org/debian}"
# Ubuntu 20.04 (focal, glibc 2.31) is what Kylin V10 SP1 is built on: the .deb is proven there too.
RW_UBUNTU_MIRROR="${RW_UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}"
UBUNTU_SUITES=" focal jammy noble "

# mirror_of SUITE / components_of SUITE: where a suite's packages come from, and which parts of it.
mirror_of() { [[ $UBUNTU_SUITES == *" $1 "* ]] && echo "$RW_UBUNTU_MIRROR" || echo "$RW_MIRROR"; }
components_of() { [[ $UBUNTU_SUITES == *" $1 "* ]] && echo "main universe" || echo "main"; }

# debootstrap_keyring SUITE: how debootstrap checks the suite's signature. Debian's keyring is on every
# Debian host; Ubuntu's (package ubuntu-keyring) may not be, and then the bootstrap of a throwaway proof
# root goes unchecked (apt inside the root checks everything after it with the root's own keyring).
debootstrap_keyring() {
  if [[ $UBUNTU_SUITES != *" $1 "* ]]; then
    return
  elif [[ -s /usr/share/keyrings/ubuntu-archive-keyring.gpg ]]; then
    echo "--keyring=/usr/share/keyrings/ubuntu-archive-keyring.gpg"
  else
    echo "--no-check-gpg"
  fi
}

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

need_host_tools() {
  local missing=()
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v unshare >/dev/null || missing+=(util-linux)
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      echo "package: 需要 root 权限和 ${missing[*]}" >&2
      exit 1
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "package: 构建 Debian 根目录需要 root 权限" >&2
    exit 1
  fi
}

# base_tarball SUITE [ARCH] -> prints the path of a minimal root of SUITE, made once.
base_tarball() {
  local suite=$1 arch=${2:-$(dpkg --print-architecture)}
  local tarball="$RW_ROOTS/$suite-$arch-base.tar"
  if [[ ! -s $tarball ]]; then
    mkdir -p "$RW_ROOTS"
    local tmp="$RW_ROOTS/.debootstrap-$suite-$arch"
    rm -rf "$tmp"
    local mirror keyring attempt
    mirror=$(mirror_of "$suite")
    keyring=$(debootstrap_keyring "$suite")
    log "debootstrap $suite ($arch) from $mirror" >&2
    for attempt in 1 2 3; do  # a mirror hiccup should not fail CI
      # shellcheck disable=SC2086  # $keyring is one option or none
      if debootstrap --variant=minbase --arch="$arch" --include=ca-certificates $keyring "$suite" "$tmp" "$mirror" \
        >"$RW_ROOTS/debootstrap-$suite-$arch.log" 2>&1; then
        break
      fi
      tail -5 "$RW_ROOTS/debootstrap-$suite-$arch.log" >&2
      [[ $attempt -eq 3 ]] && { echo "debootstrap $suite 失败" >&2; exit 1; }
      rm -rf "$tmp"
      sleep 10
    done
    rm -rf "$tmp"/var/cache/apt/archives/*.deb
    tar -C "$tmp" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
    rm -rf "$tmp"
  fi
  echo "$tarball"
}

# new_root SUITE DIR [ARCH]: a fresh copy of the base root of SUITE in DIR.
new_root() {
  local suite=$1 dir=$2 arch=${3:-$(dpkg --print-architecture)}
  local tarball
  tarball=$(base_tarball "$suite" "$arch")
  rm -rf "$dir"
  mkdir -p "$dir"
  tar -C "$dir" -xf "$tarball"
  cat >"$dir/etc/apt/sources.list" <<EOF
deb $(mirror_of "$suite") $suite $(components_of "$suite")
EOF
  # The build machine may reach the registries through a proxy with its own certificate authority:
  # the root trusts what the host trusts.
  cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
  if [[ -s /etc/ssl/certs/ca-certificates.crt ]]; then
    cp /etc/ssl/certs/ca-certificates.crt "$dir/etc/ssl/certs/host-ca-bundle.crt"
  fi
  echo 'Acquire::Retries "5";' >"$dir/etc/apt/apt.conf.d/80retries"
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"  # no daemons start inside the root
  chmod +x "$dir/usr/sbin/policy-rc.d"
}

# in_root DIR COMMAND...: run COMMAND (through bash -c) inside the root DIR.
in_root() {
  local dir=$1
  shift
  unshare --mount --fork bash -c '
    set -e
    dir=$1; shift
    mount -t proc proc "$dir/proc"
    mount --rbind /dev "$dir/dev"
    mount -t tmpfs tmpfs "$dir/dev/shm"
    mount -t tmpfs tmpfs "$dir/tmp"
    exec chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
      PIP_CERT=/etc/ssl/certs/host-ca-bundle.crt SSL_CERT_FILE=/etc/ssl/certs/host-ca-bundle.crt \
      PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 \
      bash -c "$*"
  ' in_root "$dir" "$@"
}
